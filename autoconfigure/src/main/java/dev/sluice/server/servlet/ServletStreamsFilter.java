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
 * whose body fails to read is answered 400 before the container drops its connection. Over
 * HTTP/2 the container is not told a response body's length (see {@code GuardedResponse}).
 */
public final class ServletStreamsFilter implements Filter {

	/** Name under which the filter is registered. */
	public static final String NAME = "sluiceServletStreams";

	private static final String HTTP_2 = "HTTP/2.0";

	private static final String CONTENT_LENGTH = "Content-Length";

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse) {
			GuardedResponse guardedResponse = new GuardedResponse(httpResponse,
					HTTP_2.equals(httpRequest.getProtocol()));
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
			return new FlushedCompletionContext(context, this.response);
		}

	}

	/**
	 * A response whose body stream is a {@link CompletionGuardedOutputStream}, created once and
	 * ended when the request completes: the container calls {@code onComplete} before it recycles
	 * the request's objects. The stream shares the response's lock: a flush, a change of status or
	 * headers (Spring applies them when it commits, on whichever thread commits) and a write never
	 * interleave, and none reaches the container once the request has completed or been answered
	 * 400 here.
	 * <p>
	 * Over HTTP/2 a body's length is kept from the container: Tomcat (11.0.24) closes a response
	 * whose declared length has been written from inside that write, and ends the stream with a
	 * blocking flush; when the non-blocking write just before found the client's flow-control
	 * window exhausted, that flush throws ("Already waiting") and the client gets a reset stream
	 * (docs/servers.md, HTTP/2). Without the length, the stream ends when the request completes,
	 * after Tomcat has flushed what it holds without blocking; HTTP/2 delimits the body by the
	 * stream's end, so the client needs no length.
	 */
	private static final class GuardedResponse extends HttpServletResponseWrapper
			implements AsyncListener, FlushedCompletionContext.Completion {

		private final Object lock = new Object();

		private final boolean http2;

		private @Nullable CompletionGuardedOutputStream outputStream;

		private boolean completed;

		private boolean answered;

		private @Nullable Runnable pendingCompletion;

		GuardedResponse(HttpServletResponse response, boolean http2) {
			super(response);
			this.http2 = http2;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			synchronized (this.lock) {
				if (this.outputStream == null) {
					this.outputStream = new CompletionGuardedOutputStream(super.getOutputStream(), this.lock,
							this::completeIfSent, this::completeNow);
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
			if (isLengthKeptFromContainer(name)) {
				return;
			}
			whileOpen(() -> super.setHeader(name, value));
		}

		@Override
		public void addHeader(String name, String value) {
			if (isLengthKeptFromContainer(name)) {
				return;
			}
			whileOpen(() -> super.addHeader(name, value));
		}

		private boolean isLengthKeptFromContainer(String headerName) {
			return this.http2 && CONTENT_LENGTH.equalsIgnoreCase(headerName);
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
			setContentLengthLong(length);
		}

		@Override
		public void setContentLengthLong(long length) {
			if (this.http2 && length > 0) {
				return;
			}
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

		/**
		 * Completes the request. Over HTTP/2, while the container still holds body bytes that the
		 * client's flow-control window has not let through, completion waits for the container
		 * to call the write listener back: Tomcat (11.0.24) completes a request by ending the
		 * stream with a blocking flush, which in a request that writes without blocking is
		 * never woken by the client's window update, and the stream stalls.
		 */
		@Override
		public void complete(Runnable containerCompletion) {
			synchronized (this.lock) {
				if (this.http2 && !isSent()) {
					this.pendingCompletion = containerCompletion;
					return;
				}
			}
			containerCompletion.run();
		}

		private void completeIfSent() {
			Runnable completion;
			synchronized (this.lock) {
				if (this.pendingCompletion == null || !isSent()) {
					return;
				}
				completion = this.pendingCompletion;
				this.pendingCompletion = null;
			}
			completion.run();
		}

		private void completeNow() {
			Runnable completion;
			synchronized (this.lock) {
				completion = this.pendingCompletion;
				this.pendingCompletion = null;
			}
			if (completion != null) {
				completion.run();
			}
		}

		/**
		 * Whether the container holds no body bytes: flushes them without blocking when it can
		 * take a write. When not, the container calls the write listener once it can.
		 */
		private boolean isSent() {
			CompletionGuardedOutputStream stream = this.outputStream;
			if (stream == null || !stream.isListening() || !isOpen()) {
				return true;
			}
			try {
				if (!stream.isReady()) {
					return false;
				}
				stream.flush();
				return stream.isReady();
			}
			catch (IOException | IllegalStateException ex) {
				// The client has gone: the container ends the stream without sending more.
				return true;
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
