package dev.sluice.server.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Once the request has completed, a {@link CompletionGuardedOutputStream} no longer reaches the
 * container, and a write in progress finishes before the completion goes on; the
 * {@link ServletStreamsFilter} answers a request whose body failed to read before the container
 * closes its connection.
 */
class CompletionGuardedOutputStreamTests {

	private final ContainerStream container = new ContainerStream();

	private final CompletionGuardedOutputStream stream = new CompletionGuardedOutputStream(this.container);

	@Test
	void passesWritesThroughUntilEnded() throws IOException {
		this.stream.write(bytes("head "));
		this.stream.write(ByteBuffer.wrap(bytes("body")));
		this.stream.flush();
		assertThat(this.stream.isReady()).isTrue();
		assertThat(this.container.written()).isEqualTo("head body");
		assertThat(this.container.flushes).isEqualTo(1);
	}

	@Test
	void refusesEveryCallAfterTheEndWithoutTouchingTheContainer() throws IOException {
		this.stream.write(bytes("before"));
		this.stream.end();
		assertThat(this.stream.isReady()).isFalse();
		assertThatIOException().isThrownBy(() -> this.stream.write(bytes("after")));
		assertThatIOException().isThrownBy(() -> this.stream.write(ByteBuffer.wrap(bytes("after"))));
		assertThatIOException().isThrownBy(() -> this.stream.write('x'));
		assertThatIOException().isThrownBy(this.stream::flush);
		this.stream.close();
		assertThat(this.container.written()).isEqualTo("before");
		assertThat(this.container.calls).as("calls that reached the container").isEqualTo(1);
	}

	@Test
	void endWaitsForAWriteInProgress() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch finishWrite = new CountDownLatch(1);
		this.container.duringWrite = () -> {
			writing.countDown();
			await(finishWrite);
		};
		CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
			try {
				this.stream.write(bytes("late"));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		await(writing);
		CompletableFuture<Void> end = CompletableFuture.runAsync(this.stream::end);
		Thread.sleep(200);
		assertThat(end).as("the end waits while the container is being written to").isNotDone();
		finishWrite.countDown();
		write.get(5, TimeUnit.SECONDS);
		end.get(5, TimeUnit.SECONDS);
		assertThat(this.container.written()).isEqualTo("late");
		assertThatIOException().isThrownBy(() -> this.stream.write(bytes("later")));
	}

	@Test
	void theFilterEndsTheResponseStreamWhenTheRequestCompletes() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		Filtered filtered = Filtered.through(response);
		AsyncContext async = filtered.request().startAsync();
		ServletOutputStream out = filtered.response().getOutputStream();
		out.write(bytes("answered"));
		async.complete();
		assertThatIOException().isThrownBy(() -> out.write(bytes(" and more")));
		assertThat(response.getContentAsString()).isEqualTo("answered");
	}

	@Test
	void theFilterEndsAStreamFirstAskedForAfterTheRequestCompleted() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		Filtered filtered = Filtered.through(response);
		filtered.request().startAsync().complete();
		ServletOutputStream out = filtered.response().getOutputStream();
		assertThatIOException().isThrownBy(() -> out.write(bytes("too late")));
		assertThat(response.getContentAsString()).isEmpty();
	}

	@Test
	void theFilterNoLongerFlushesTheResponseOnceTheRequestCompleted() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		Filtered filtered = Filtered.through(response);
		filtered.request().startAsync().complete();
		filtered.response().flushBuffer();
		assertThat(response.isCommitted()).isFalse();
	}

	@Test
	void theFilterAnswers400AtOnceWhenTheContainerReportsAFailedRead() throws Exception {
		// Tomcat closes the connection as soon as the read listener has heard of the failure.
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(200);
		response.setHeader("Content-Length", "1000");
		IOException malformed = new IOException("Invalid chunk header");
		FailingInput input = new FailingInput(malformed);
		Filtered filtered = Filtered.through(new HttpServletRequestWrapper(asyncGet()) {

			@Override
			public ServletInputStream getInputStream() {
				return input;
			}

		}, response);
		filtered.request().getInputStream().setReadListener(new ReadListener() {

			@Override
			public void onDataAvailable() throws IOException {
				filtered.request().getInputStream().read(new byte[8], 0, 8);
			}

			@Override
			public void onAllDataRead() {
			}

			@Override
			public void onError(Throwable error) {
			}

		});
		input.listener.onDataAvailable();
		assertThat(response.isCommitted()).as("not before the container reports the failure").isFalse();
		input.listener.onError(malformed);
		assertThat(response.isCommitted()).isTrue();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getHeader("Content-Length")).isEqualTo("0");
		// Spring, committing the response on another thread, comes too late.
		filtered.response().setContentType("application/json");
		((HttpServletResponse) filtered.response()).addHeader("X-Route", "raw");
		assertThat(response.getContentType()).isNull();
		assertThat(response.getHeader("X-Route")).isNull();
		assertThatIOException().isThrownBy(() -> filtered.response().getOutputStream().write(bytes("{}")));
	}

	private static MockHttpServletRequest asyncGet() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/up");
		request.setAsyncSupported(true);
		return request;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The request and response a {@link ServletStreamsFilter} hands on, for an async GET. */
	private record Filtered(ServletRequest request, ServletResponse response) {

		static Filtered through(MockHttpServletResponse response) throws Exception {
			return through(asyncGet(), response);
		}

		static Filtered through(HttpServletRequest request, MockHttpServletResponse response) throws Exception {
			Filtered[] seen = new Filtered[1];
			new ServletStreamsFilter().doFilter(request, response, (req, res) -> seen[0] = new Filtered(req, res));
			return seen[0];
		}

	}

	/** A request body stream whose reads fail, as a malformed chunk makes Tomcat's. */
	private static final class FailingInput extends ServletInputStream {

		private final IOException failure;

		private ReadListener listener;

		FailingInput(IOException failure) {
			this.failure = failure;
		}

		@Override
		public boolean isFinished() {
			return false;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.listener = listener;
		}

		@Override
		public int read() throws IOException {
			throw this.failure;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			throw this.failure;
		}

	}

	/** The container's side: records what reaches it. */
	private static final class ContainerStream extends ServletOutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		volatile Runnable duringWrite = () -> {
		};

		int calls;

		int flushes;

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

		@Override
		public void write(int b) {
			this.calls++;
			this.duringWrite.run();
			this.bytes.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.calls++;
			this.duringWrite.run();
			this.bytes.write(b, off, len);
		}

		@Override
		public void flush() {
			this.flushes++;
		}

		String written() {
			return this.bytes.toString(StandardCharsets.US_ASCII);
		}

	}

}
