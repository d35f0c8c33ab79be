package dev.sluice.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.LedgerFigures;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that speaks HTTP/2 over cleartext with prior knowledge (h2c) to a gateway on each server:
 * bodies of every size both ways, concurrent streams on one connection, a ledger that ends at zero,
 * and request headers as an HTTP/1.1 upstream should see them.
 */
@GatewayApp(properties = { "server.http2.enabled=true", "sluice.buffers.leak-grace=1s",
		"sluice.routes[0].id=up",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/up/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=host-preserved",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/host/**",
		"sluice.routes[1].filters[0]=PreserveHostHeader",
		"sluice.routes[1].filters[1]=StripPrefix=1" })
class Http2IntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(20);

	private static final int LARGE = 6 * 1024 * 1024 + 17;

	@ProxyTest
	void carriesSmallBodiesBothWaysOverH2c(Gateway gateway) throws InterruptedException {
		exchangeOneAfterAnother(gateway, List.of(0, 1024, 16 * 1024));
	}

	@ProxyTest
	void carriesLargeBodiesBothWaysOverH2c(Gateway gateway) throws InterruptedException {
		exchangeOneAfterAnother(gateway, List.of(64 * 1024, LARGE));
	}

	@ProxyTest
	void multiplexesConcurrentStreamsOnOneConnection(Gateway gateway) throws InterruptedException {
		// Within the connection's first flow-control window (64 KiB) on every server.
		exchangeAtOnce(gateway, 6, 3 * 1024, 6, 4 * 1024);
	}

	@ProxyTest
	void multiplexesConcurrentLargeStreamsOnOneConnection(Gateway gateway, ServerKind server)
			throws InterruptedException {
		if (server == ServerKind.TOMCAT) {
			// Tomcat 11.0.24 can stall concurrent streams that outrun the connection's
			// flow-control window (docs/servers.md, HTTP/2): each stream must end whole or fail
			// visibly, never short; the ledger must settle either way.
			exchangeAtOnceWholeOrFailed(gateway, 6, LARGE, 6, 1024 * 1024);
		}
		else {
			exchangeAtOnce(gateway, 6, LARGE, 6, 1024 * 1024);
		}
	}

	@ProxyTest
	void neverForwardsNettysHttp2TranslationHeadersUpstream(Gateway gateway) throws InterruptedException {
		try (H2cClient client = new H2cClient(gateway)) {
			List<String> lines = Flux.range(0, 4)
				.flatMap((i) -> client.headersSeenUpstream("/up/request-headers", "X-Custom", "kept-" + i))
				.collectList()
				.block(TIMEOUT)
				.stream()
				.flatMap(List::stream)
				.toList();
			// HTTP/2 sends header names in lower case.
			assertThat(lines).filteredOn((line) -> line.startsWith("x-custom: kept-")).hasSize(4);
			assertThat(lines).noneMatch((line) -> line.startsWith("x-http2-"));
		}
		assertLedgerSettled(gateway);
	}

	@ProxyTest
	void preservesTheClientsAuthorityAsTheHostHeader(Gateway gateway) throws InterruptedException {
		try (H2cClient client = new H2cClient(gateway)) {
			// Over HTTP/2 the client's Host header goes out as the :authority pseudo-header.
			List<String> lines = client.headersSeenUpstream("/host/request-headers", "Host", "client.example.org:8443")
				.block(TIMEOUT);
			assertThat(lines).map(String::toLowerCase)
				.filteredOn((line) -> line.startsWith("host: "))
				.containsExactly("host: client.example.org:8443");
		}
		assertLedgerSettled(gateway);
	}

	private static void exchangeOneAfterAnother(Gateway gateway, List<Integer> sizes) throws InterruptedException {
		try (H2cClient client = new H2cClient(gateway)) {
			for (int size : sizes) {
				Received sized = client.exchange(HttpMethod.GET, "/up/bytes/" + size, 0);
				assertThat(sized.length()).as("GET %d bytes", size).isEqualTo(size);
				assertThat(sized.crc()).as("GET %d crc", size).isEqualTo(TestUpstream.crcOf(size));
				Received chunked = client.exchange(HttpMethod.GET, "/up/bytes/" + size + "?chunked", 0);
				assertThat(chunked.length()).as("GET %d bytes without Content-Length", size).isEqualTo(size);
				assertThat(chunked.crc()).isEqualTo(TestUpstream.crcOf(size));
				Received echoed = client.exchange(HttpMethod.POST, "/up/echo", size);
				assertThat(echoed.length()).as("POST %d bytes", size).isEqualTo(size);
				assertThat(echoed.crc()).as("POST %d crc", size).isEqualTo(TestUpstream.crcOf(size));
			}
		}
		assertLedgerSettled(gateway);
	}

	private static void exchangeAtOnce(Gateway gateway, int downloads, int downloadSize, int uploads, int uploadSize)
			throws InterruptedException {
		try (H2cClient client = new H2cClient(gateway)) {
			List<Received> received = Flux
				.merge(Flux.range(0, downloads)
					.flatMap((i) -> client.send(HttpMethod.GET, "/up/bytes/" + downloadSize, 0)),
						Flux.range(0, uploads).flatMap((i) -> client.send(HttpMethod.POST, "/up/echo", uploadSize)))
				.collectList()
				.block(TIMEOUT);
			assertThat(received).hasSize(downloads + uploads);
			assertThat(received).filteredOn((answer) -> answer.length() == downloadSize)
				.hasSize(downloads)
				.allSatisfy((answer) -> assertThat(answer.crc()).isEqualTo(TestUpstream.crcOf(downloadSize)));
			assertThat(received).filteredOn((answer) -> answer.length() == uploadSize)
				.hasSize(uploads)
				.allSatisfy((answer) -> assertThat(answer.crc()).isEqualTo(TestUpstream.crcOf(uploadSize)));
			assertThat(client.connections()).as("connections that carried the streams").hasSize(1);
		}
		assertLedgerSettled(gateway);
	}

	/**
	 * Runs the streams at once; each must end with the whole body or with a visible error (a
	 * reset stream, a closed connection, or no end within {@link #STREAM_TIMEOUT}, after which the
	 * client cancels it). A body that ends short or corrupt without an error fails the test.
	 */
	private static void exchangeAtOnceWholeOrFailed(Gateway gateway, int downloads, int downloadSize, int uploads,
			int uploadSize) throws InterruptedException {
		try (H2cClient client = new H2cClient(gateway)) {
			List<Received> downloaded = Flux.range(0, downloads)
				.flatMap((i) -> wholeOrFailed(client.send(HttpMethod.GET, "/up/bytes/" + downloadSize, 0)))
				.collectList()
				.zipWith(Flux.range(0, uploads)
					.flatMap((i) -> wholeOrFailed(client.send(HttpMethod.POST, "/up/echo", uploadSize)))
					.collectList(), (gets, posts) -> {
						assertThat(posts).hasSize(uploads)
							.allSatisfy((answer) -> assertWholeOrFailed(answer, uploadSize));
						return gets;
					})
				.block(TIMEOUT);
			assertThat(downloaded).hasSize(downloads)
				.allSatisfy((answer) -> assertWholeOrFailed(answer, downloadSize));
			assertThat(client.connections()).as("connections that carried the streams").hasSize(1);
		}
		assertLedgerSettled(gateway);
	}

	private static Mono<Received> wholeOrFailed(Mono<Received> answer) {
		return answer.timeout(STREAM_TIMEOUT).onErrorResume((ex) -> Mono.just(Received.FAILED));
	}

	private static void assertWholeOrFailed(Received answer, int size) {
		if (answer != Received.FAILED) {
			assertThat(answer.length()).as("length of a stream that ended without an error").isEqualTo(size);
			assertThat(answer.crc()).as("crc of a stream that ended without an error")
				.isEqualTo(TestUpstream.crcOf(size));
		}
	}

	/**
	 * Waits for the ledger to count every buffer it saw back in, then checks that it saw some, that
	 * the counts balance and that no exchange held buffers past the grace period.
	 */
	private static void assertLedgerSettled(Gateway gateway) throws InterruptedException {
		BufferLedger ledger = gateway.bean(BufferLedger.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (ledger.totals().outstanding() != 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		LedgerFigures totals = ledger.totals();
		assertThat(totals.outstanding()).as("outstanding buffers: %s", ledger.outstanding(5)).isZero();
		assertThat(totals.outstandingBytes()).isZero();
		assertThat(totals.acquired()).isPositive().isEqualTo(totals.released());
		assertThat(ledger.suspects()).isEmpty();
	}

	/**
	 * A Reactor Netty client that speaks only h2c with prior knowledge, over at most one connection,
	 * and records the connections its streams ran on.
	 */
	private static final class H2cClient implements AutoCloseable {

		private final ConnectionProvider provider = ConnectionProvider.builder("h2c-test")
			.maxConnections(1)
			.pendingAcquireMaxCount(-1)
			.build();

		private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

		private final HttpClient client;

		H2cClient(Gateway gateway) {
			this.client = HttpClient.create(this.provider)
				.protocol(HttpProtocol.H2C)
				.baseUrl("http://127.0.0.1:" + gateway.port());
		}

		Received exchange(HttpMethod method, String path, int size) {
			return send(method, path, size).block(TIMEOUT);
		}

		Mono<Received> send(HttpMethod method, String path, int size) {
			return this.client.headers((headers) -> {
				if (size > 0) {
					headers.add("Content-Length", Integer.toString(size));
				}
			})
				.request(method)
				.uri(path)
				.send((request, outbound) -> (size > 0) ? outbound.send(TestUpstream.generate(size)) : outbound)
				.responseConnection((response, connection) -> answer(response, connection))
				.single();
		}

		Mono<List<String>> headersSeenUpstream(String path, String name, String value) {
			return this.client.headers((headers) -> headers.set(name, value))
				.get()
				.uri(path)
				.responseConnection((response, connection) -> {
					checkHttp2(response, connection);
					return connection.inbound().receive().aggregate().asString().map((body) -> body.lines().toList());
				})
				.single();
		}

		Set<Channel> connections() {
			return this.connections;
		}

		private Mono<Received> answer(HttpClientResponse response, Connection connection) {
			checkHttp2(response, connection);
			CRC32 crc = new CRC32();
			return connection.inbound().receive().map((buf) -> {
				crc.update(buf.nioBuffer());
				return (long) buf.readableBytes();
			}).reduce(0L, Long::sum).map((length) -> new Received(response.status().code(), length, crc.getValue()));
		}

		private void checkHttp2(HttpClientResponse response, Connection connection) {
			// The stream's channel is a child of the connection's: HTTP/1.1 would have no parent.
			assertThat(response.version().text()).as("protocol of %s", response.uri()).isEqualTo("HTTP/2.0");
			assertThat(response.status().code()).as("status of %s", response.uri()).isEqualTo(200);
			this.connections.add(connection.channel().parent());
		}

		@Override
		public void close() {
			this.provider.disposeLater().block(TIMEOUT);
		}

	}

	/**
	 * What the client received for one stream.
	 *
	 * @param status the status
	 * @param length the body's length
	 * @param crc the body's CRC32
	 */
	private record Received(int status, long length, long crc) {

		/** A stream that ended in an error the client saw. */
		static final Received FAILED = new Received(-1, -1, -1);

	}

}
