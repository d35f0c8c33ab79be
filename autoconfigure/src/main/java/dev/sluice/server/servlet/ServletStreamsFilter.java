package dev.sluice.server.servlet;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A Servlet filter that gives the reactive adapter a request body stream whose reads run one at a
 * time ({@link SerializedReadInputStream}), and a response body stream that no longer reaches the
 * container once the request has completed ({@link CompletionGuardedOutputStream}).
 */
public final class ServletStreamsFilter implements Filter {

	/** Name under which the filter is registered. */
	public static final String NAME = "sluiceServletStreams";

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse) {
			GuardedResponse guardedResponse = new GuardedResponse(httpResponse);
			chain.doFilter(new SerializedReadRequest(httpRequest, guardedResponse), guardedResponse);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/**
	 * A request whose body stream is a {@link SerializedReadInputStream}, created once, and whose
	 * asynchronous completion ends the response's body stream.
	 */
	private static final class SerializedReadRequest extends HttpServletRequestWrapper {

		private final GuardedResponse response;

		private SerializedReadInputStream inputStream;

		SerializedReadRequest(HttpServletRequest request, GuardedResponse response) {
			super(request);
			this.response = response;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.inputStream == null) {
				this.inputStream = new SerializedReadInputStream(super.getInputStream());
			}
			return this.inputStream;
		}

		@Override
		public AsyncContext startAsync() {
			return endingResponse(super.startAsync());
		}

		@Override
		public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
			return endingResponse(super.startAsync(request, response));
		}

		private AsyncContext endingResponse(AsyncContext context) {
			context.addListener(this.response);
			return context;
		}

	}

	/**
	 * A response whose body stream is a {@link CompletionGuardedOutputStream}, created once and
	 * ended when the request completes: the container calls {@code onComplete} before it recycles
	 * the request's objects. The stream shares the response's lock, so a flush and a write never
	 * interleave, and neither reaches the container once the request has completed.
	 */
	private static final class GuardedResponse extends HttpServletResponseWrapper implements AsyncListener {

		private final Object lock = new Object();

		private @Nullable CompletionGuardedOutputStream outputStream;

		private boolean completed;

		GuardedResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			synchronized (this.lock) {
				if (this.outputStream == null) {
					this.outputStream = new CompletionGuardedOutputStream(super.getOutputStream(), this.lock);
					if (this.completed) {
						this.outputStream.end();
					}
				}
				return this.outputStream;
			}
		}

		@Override
		public void flushBuffer() throws IOException {
			synchronized (this.lock) {
				if (!this.completed) {
					super.flushBuffer();
				}
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
			synchronized (this.lock) {
				this.completed = true;
				if (this.outputStream != null) {
					this.outputStream.end();
				}
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
