package dev.sluice.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpstreamFailure}: the status each real failure of a Reactor Netty call maps to.
 * The upstream holds every request on {@code /hold} without answering.
 */
class UpstreamFailureTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static volatile CountDownLatch held = new CountDownLatch(0);

	private static DisposableServer upstream;

	@BeforeAll
	static void startUpstream() {
		upstream = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/hold", (request, response) -> {
				held.countDown();
				return Mono.never();
			}))
			.bindNow(TIMEOUT);
	}

	@AfterAll
	static void stopUpstream() {
		upstream.disposeNow(TIMEOUT);
	}

	@Test
	void mapsATooLongQueueForAPooledConnectionTo503() throws InterruptedException {
		ConnectionProvider pool = ConnectionProvider.builder("one-and-no-queue")
			.maxConnections(1)
			.pendingAcquireMaxCount(0)
			.build();
		Disposable holder = holdTheOnlyConnection(pool);
		try {
			UpstreamFailure failure = failureOf(HttpClient.create(pool), "/hold");
			assertThat(failure.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(failure.getCause().getClass().getSimpleName()).isEqualTo("PoolAcquirePendingLimitException");
		}
		finally {
			holder.dispose();
			pool.disposeLater().block(TIMEOUT);
		}
	}

	@Test
	void mapsAWaitForAPooledConnectionThatTimesOutTo503() throws InterruptedException {
		ConnectionProvider pool = ConnectionProvider.builder("one-and-a-short-wait")
			.maxConnections(1)
			.pendingAcquireTimeout(Duration.ofMillis(50))
			.build();
		Disposable holder = holdTheOnlyConnection(pool);
		try {
			UpstreamFailure failure = failureOf(HttpClient.create(pool), "/hold");
			assertThat(failure.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(failure.getCause().getClass().getSimpleName()).isEqualTo("PoolAcquireTimeoutException");
		}
		finally {
			holder.dispose();
			pool.disposeLater().block(TIMEOUT);
		}
	}

	@Test
	void mapsAResponseTimeoutTo504() {
		UpstreamFailure failure = failureOf(
				HttpClient.create(ConnectionProvider.newConnection()).responseTimeout(Duration.ofMillis(100)), "/hold");
		assertThat(failure.getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
	}

	@Test
	void mapsAConnectTimeoutTo504() throws IOException {
		// A listener whose accept queue is full drops new connection attempts, so they time out.
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				QueueFiller filler = QueueFiller.fill(listener)) {
			UpstreamFailure failure = failureOf(HttpClient.create(ConnectionProvider.newConnection())
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 100), "http://127.0.0.1:" + listener.getLocalPort() + "/");
			assertThat(failure.getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
			assertThat(failure.getCause().getClass().getSimpleName()).isEqualTo("ConnectTimeoutException");
		}
	}

	@Test
	void mapsAnOperatorTimeoutTo504() {
		Throwable timeout = Mono.never()
			.timeout(Duration.ofMillis(10))
			.then(Mono.<Throwable>empty())
			.onErrorResume(Mono::just)
			.block(TIMEOUT);
		assertThat(timeout).isInstanceOf(TimeoutException.class);
		assertThat(UpstreamFailure.of(timeout).getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
	}

	@Test
	void mapsARefusedConnectionTo502() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		UpstreamFailure failure = failureOf(HttpClient.create(ConnectionProvider.newConnection()),
				"http://127.0.0.1:" + port + "/");
		assertThat(failure.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(failure.getMessage()).isEqualTo("Upstream is unreachable");
	}

	@Test
	void mapsAnUpstreamThatClosesBeforeAnsweringTo502() throws Exception {
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread closer = new Thread(() -> {
				try (Socket socket = listener.accept()) {
					readHead(socket.getInputStream());
				}
				catch (IOException ex) {
					// The test fails on the status the client saw.
				}
			});
			closer.start();
			UpstreamFailure failure = failureOf(HttpClient.create(ConnectionProvider.newConnection()),
					"http://127.0.0.1:" + listener.getLocalPort() + "/");
			closer.join(TIMEOUT.toMillis());
			assertThat(failure.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
			assertThat(failure.getMessage()).isEqualTo("Upstream failed to answer");
			assertThat(failure.detail()).startsWith("reactor.netty.http.client.PrematureCloseException: ");
		}
	}

	@Test
	void keepsAFailureThatIsAlreadyClassified() {
		UpstreamFailure failure = UpstreamFailure.of(new ConnectException("refused"));
		assertThat(UpstreamFailure.of(failure)).isSameAs(failure);
	}

	@Test
	void detachesTheCauseButKeepsTheStatusAndNamesTheCause() {
		UpstreamFailure detached = UpstreamFailure.of(new ConnectException("Connection reset by peer"))
			.detached();
		assertThat(detached.getCause()).isNull();
		assertThat(detached.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(detached.getMessage())
			.isEqualTo("Upstream is unreachable after the response was committed (ConnectException)");
	}

	/**
	 * Starts a call to {@code /hold} over the pool's only connection, and returns once the upstream
	 * has received it, so the connection is in use.
	 */
	private static Disposable holdTheOnlyConnection(ConnectionProvider pool) throws InterruptedException {
		held = new CountDownLatch(1);
		Disposable holder = HttpClient.create(pool).get().uri(upstream("/hold")).response().subscribe();
		assertThat(held.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		return holder;
	}

	private static UpstreamFailure failureOf(HttpClient client, String pathOrUrl) {
		String url = pathOrUrl.startsWith("/") ? upstream(pathOrUrl) : pathOrUrl;
		Throwable error = client.get()
			.uri(url)
			.response()
			.then(Mono.<Throwable>empty())
			.onErrorResume(Mono::just)
			.block(TIMEOUT);
		assertThat(error).as("the call's error").isNotNull();
		return UpstreamFailure.of(error);
	}

	private static String upstream(String path) {
		return "http://127.0.0.1:" + upstream.port() + path;
	}

	private static void readHead(InputStream in) throws IOException {
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				return;
			}
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
	}

	/**
	 * Connections that fill a listener's accept queue: it connects until an attempt times out,
	 * which shows the queue is full.
	 */
	private static final class QueueFiller implements AutoCloseable {

		private final List<Socket> sockets = new ArrayList<>();

		static QueueFiller fill(ServerSocket listener) throws IOException {
			QueueFiller filler = new QueueFiller();
			for (int i = 0; i < 16; i++) {
				Socket socket = new Socket();
				filler.sockets.add(socket);
				try {
					socket.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 200);
				}
				catch (SocketTimeoutException ex) {
					return filler;
				}
			}
			filler.close();
			throw new IllegalStateException("The accept queue of " + listener + " did not fill up");
		}

		@Override
		public void close() throws IOException {
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

}
