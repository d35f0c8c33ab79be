package dev.sluice.server.servlet;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP/2 the {@link ServletStreamsFilter} keeps a body's length from the container and
 * completes the request only once the container holds no body bytes; over HTTP/1.1 it does
 * neither (docs/servers.md, HTTP/2).
 */
class Http2ResponseCompletionTests {

	private final ContainerStream container = new ContainerStream();

	private final MockHttpServletResponse response = new MockHttpServletResponse() {

		@Override
		public ServletOutputStream getOutputStream() {
			return Http2ResponseCompletionTests.this.container;
		}

	};

	@Test
	void keepsTheLengthFromTheContainerOverHttp2() throws Exception {
		HttpServletResponse filtered = (HttpServletResponse) filter("HTTP/2.0").response();
		filtered.setContentLengthLong(1000);
		filtered.setContentLength(1000);
		filtered.setHeader("Content-Length", "1000");
		filtered.addHeader("content-length", "1000");
		assertThat(this.response.getHeader("Content-Length")).isNull();
		filtered.setContentLength(0);
		assertThat(this.response.getHeader("Content-Length")).isEqualTo("0");
	}

	@Test
	void passesTheLengthOnOverHttp11() throws Exception {
		((HttpServletResponse) filter("HTTP/1.1").response()).setContentLengthLong(1000);
		assertThat(this.response.getHeader("Content-Length")).isEqualTo("1000");
	}

	@Test
	void completesOverHttp2OnlyOnceTheContainerHasSentTheBody() throws Exception {
		Filtered filtered = filter("HTTP/2.0");
		AsyncContext async = filtered.request().startAsync();
		ServletOutputStream out = filtered.response().getOutputStream();
		out.setWriteListener(new NoOpListener());
		out.write(new byte[] { 1, 2, 3 });
		this.container.ready = false;
		async.complete();
		assertThat(filtered.request().isAsyncStarted()).as("completed while bytes wait for the window").isTrue();
		this.container.ready = true;
		this.container.listener.onWritePossible();
		assertThat(this.container.flushes).as("flushes before completing").isEqualTo(1);
		assertThat(filtered.request().isAsyncStarted()).isFalse();
	}

	@Test
	void completesOverHttp2WhenTheContainerReportsAFailedWrite() throws Exception {
		Filtered filtered = filter("HTTP/2.0");
		AsyncContext async = filtered.request().startAsync();
		filtered.response().getOutputStream().setWriteListener(new NoOpListener());
		this.container.ready = false;
		async.complete();
		assertThat(filtered.request().isAsyncStarted()).isTrue();
		this.container.listener.onError(new IOException("reset"));
		assertThat(filtered.request().isAsyncStarted()).isFalse();
	}

	@Test
	void completesOverHttp11AtOnce() throws Exception {
		Filtered filtered = filter("HTTP/1.1");
		AsyncContext async = filtered.request().startAsync();
		filtered.response().getOutputStream().setWriteListener(new NoOpListener());
		this.container.ready = false;
		async.complete();
		assertThat(filtered.request().isAsyncStarted()).isFalse();
		assertThat(this.container.flushes).isZero();
	}

	private Filtered filter(String protocol) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/up");
		request.setProtocol(protocol);
		request.setAsyncSupported(true);
		Filtered[] seen = new Filtered[1];
		new ServletStreamsFilter().doFilter(request, this.response,
				(req, res) -> seen[0] = new Filtered(req, res));
		return seen[0];
	}

	/** The request and response a {@link ServletStreamsFilter} hands on. */
	private record Filtered(ServletRequest request, ServletResponse response) {
	}

	private static final class NoOpListener implements WriteListener {

		@Override
		public void onWritePossible() {
		}

		@Override
		public void onError(Throwable failure) {
		}

	}

	/** The container's side: ready or not, and the write listener the filter registered. */
	private static final class ContainerStream extends ServletOutputStream {

		volatile boolean ready = true;

		WriteListener listener;

		int flushes;

		@Override
		public boolean isReady() {
			return this.ready;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.listener = listener;
		}

		@Override
		public void write(int b) {
		}

		@Override
		public void flush() {
			this.flushes++;
		}

	}

}
