package dev.sluice.server.servlet;

import java.io.IOException;
import java.nio.charset.Charset;

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
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A Servlet filter that gives the reactive adapter a request body stream whose reads run one at a
 * time ({@link SerializedReadInputStream}), and a response body stream that no longer reaches the
 * container once the request has completed ({@link CompletionGuardedOutputStream}). A request
 * whose body fails to read is answered 400 before the container drops its connection.
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
				this.inputStream = new SerializedReadInputStream(super.getInputStream(),
						this.response::answerBadRequest);
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
	 * the request's objects. The stream shares the response's lock: a flush, a change of status or
	 * headers (Spring applies them when it commits, on whichever thread commits) and a write never
	 * interleave, and none reaches the container once the request has completed or been answered
	 * 400 here.
	 */
	private static final class GuardedResponse extends HttpServletResponseWrapper implements AsyncListener {

		private final Object lock = new Object();

		private @Nullable CompletionGuardedOutputStream outputStream;

		private boolean completed;

		private boolean answered;

		GuardedResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			synchronized (this.lock) {
				if (this.outputStream == null) {
					this.outputStream = new CompletionGuardedOutputStream(super.getOutputStream(), this.lock);
					if (this.completed || this.answered) {
						this.outputStream.end();
					}
				}
				return this.outputStream;
			}
		}

		@Override
		public void flushBuffer() throws IOException {
			synchronized (this.lock) {
				if (isOpen()) {
					super.flushBuffer();
				}
			}
		}

		@Override
		public void setStatus(int status) {
			whileOpen(() -> super.setStatus(status));
		}

		@Override
		public void setHeader(String name, String value) {
			whileOpen(() -> super.setHeader(name, value));
		}

		@Override
		public void addHeader(String name, String value) {
			whileOpen(() -> super.addHeader(name, value));
		}

		@Override
		public void setContentType(String type) {
			whileOpen(() -> super.setContentType(type));
		}

		@Override
		public void setCharacterEncoding(String encoding) {
			whileOpen(() -> super.setCharacterEncoding(encoding));
		}

		@Override
		public void setCharacterEncoding(Charset encoding) {
			whileOpen(() -> super.setCharacterEncoding(encoding));
		}

		@Override
		public void setContentLength(int length) {
			whileOpen(() -> super.setContentLength(length));
		}

		@Override
		public void setContentLengthLong(long length) {
			whileOpen(() -> super.setContentLengthLong(length));
		}

		@Override
		public void addCookie(Cookie cookie) {
			whileOpen(() -> super.addCookie(cookie));
		}

		/**
		 * Answers 400 at once, unless the response is committed. Called when Tomcat reports a
		 * failed read (a malformed chunk) to the read listener on one of its own threads: it has
		 * set a 400 for it, but closes the connection as soon as the listener returns, without
		 * writing it (CoyoteAdapter's {@code CLOSE_NOW}), so the client saw the connection close
		 * without an answer. Spring may be committing the response on another thread meanwhile;
		 * whatever it does after this answer is dropped.
		 */
		void answerBadRequest() {
			synchronized (this.lock) {
				if (!isOpen() || isCommitted()) {
					return;
				}
				this.answered = true;
				if (this.outputStream != null) {
					this.outputStream.end();
				}
				try {
					super.reset();
					super.setStatus(SC_BAD_REQUEST);
					super.setContentLength(0);
					super.flushBuffer();
				}
				catch (IOException | IllegalStateException ex) {
					// The client has gone, or the container committed the response meanwhile:
					// the connection closes all the same.
				}
			}
		}

		private void whileOpen(Runnable change) {
			synchronized (this.lock) {
				if (isOpen()) {
					change.run();
				}
			}
		}

		private boolean isOpen() {
			return !this.completed && !this.answered;
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
