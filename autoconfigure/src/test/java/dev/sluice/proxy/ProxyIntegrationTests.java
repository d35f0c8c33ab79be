package dev.sluice.proxy;

import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;

import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClientResponse;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxies real traffic through a gateway on each server to a real upstream and checks that
 * method, path, query, headers and bodies go through intact.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=echo",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/echo/**",
		"sluice.routes[1].id=api",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/api/**,/v1/api/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[2].id=prefixed",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0].name=Path",
		"sluice.routes[2].predicates[0].args.patterns=/pre/**",
		"sluice.routes[2].filters[0].name=StripPrefix",
		"sluice.routes[2].filters[0].args.parts=1",
		"sluice.routes[2].filters[1].name=PrefixPath",
		"sluice.routes[2].filters[1].args.prefix=/echo" })
class ProxyIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@ProxyTest
	void proxiesEveryMethodWithBodiesOfEverySize(Gateway gateway) {
		for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
			for (int size : List.of(0, 1024, 64 * 1024, 8 * 1024 * 1024)) {
				Exchange result = exchange(gateway, method, "/echo/body", size);
				assertThat(result.status()).as("%s %d", method, size).isEqualTo(200);
				assertThat(result.header("X-Upstream-Method")).isEqualTo(method.name());
				assertThat(result.length()).as("%s %d bytes", method, size).isEqualTo(size);
				assertThat(result.crc()).as("%s %d crc", method, size).isEqualTo(TestUpstream.crcOf(size));
			}
		}
	}

	@ProxyTest
	void streamsLargeDownloadsWithAndWithoutContentLength(Gateway gateway) {
		int size = 8 * 1024 * 1024 + 17;
		Exchange sized = exchange(gateway, HttpMethod.GET, "/api/bytes/" + size, 0);
		assertThat(sized.crc()).isEqualTo(TestUpstream.crcOf(size));
		assertThat(sized.header("Content-Length")).isEqualTo(Integer.toString(size));
		assertThat(sized.header("Transfer-Encoding")).isNull();
		Exchange chunked = exchange(gateway, HttpMethod.GET, "/api/bytes/" + size + "?chunked", 0);
		assertThat(chunked.crc()).isEqualTo(TestUpstream.crcOf(size));
		assertThat(chunked.length()).isEqualTo(size);
	}

	@ProxyTest
	void preservesQueryAndPathEncodingByteForByte(Gateway gateway) throws Exception {
		String target = "/echo/caf%C3%A9/x%20y/a+b?q=a%26b&p=%2B+1&e=&flag&u=%E2%82%AC";
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			assertThat(client.send("GET", target).readHead()).startsWith("HTTP/1.1 200");
		}
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo(target);
	}

	@ProxyTest
	void stripsAndPrefixesPathsKeepingTheirEncoding(Gateway gateway) throws Exception {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			// The upstream has no /api path: its 404 comes back as it is.
			assertThat(client.send("GET", "/v1/api/echo/x%20y?q=%3D").readHead()).startsWith("HTTP/1.1 404");
		}
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/api/echo/x%20y?q=%3D");
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			assertThat(client.send("GET", "/pre/a%2Bb/c?x=1").readHead()).startsWith("HTTP/1.1 200");
		}
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/a%2Bb/c?x=1");
	}

	@ProxyTest
	void forwardsEndToEndHeadersAndDropsHopByHopOnesBothWays(Gateway gateway) {
		HttpClientResponse response = gateway.httpClient()
			.headers((headers) -> headers.add("X-Custom", "kept")
				.add("Connection", "keep-alive, X-Client-Hop")
				.add("X-Client-Hop", "dropped")
				.add("Keep-Alive", "timeout=5")
				.add("Proxy-Authorization", "Basic c2VjcmV0")
				.add("TE", "trailers"))
			.get()
			.uri("/echo/headers")
			.response((res, body) -> body.then(Mono.just(res)))
			.single()
			.block(TIMEOUT);
		io.netty.handler.codec.http.HttpHeaders upstream = TestUpstream.get().lastRequest().headers();
		assertThat(upstream.get("X-Custom")).isEqualTo("kept");
		assertThat(upstream.contains("X-Client-Hop")).isFalse();
		assertThat(upstream.contains("Keep-Alive")).isFalse();
		assertThat(upstream.contains("Proxy-Authorization")).isFalse();
		assertThat(upstream.contains("TE")).isFalse();
		assertThat(upstream.get("Host")).isEqualTo(TestUpstream.get().uri().substring("http://".length()));
		assertThat(response.status().code()).isEqualTo(200);
		assertThat(response.responseHeaders().get("X-Upstream-Method")).isEqualTo("GET");
		assertThat(response.responseHeaders().contains("X-Secret-Hop")).isFalse();
		// Tomcat adds a Keep-Alive header of its own; the upstream's must not come through.
		assertThat(response.responseHeaders().getAll("Keep-Alive")).doesNotContain("timeout=5");
	}

	@ProxyTest
	void answersUnroutedRequestsWithJson404(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/nowhere/at/all")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith("application/json")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.path")
			.isEqualTo("/nowhere/at/all");
	}

	private static Exchange exchange(Gateway gateway, HttpMethod method, String path, long size) {
		return gateway.httpClient()
			.request(method)
			.uri(path)
			.send((request, outbound) -> {
				if (size == 0) {
					return outbound;
				}
				request.header("Content-Length", Long.toString(size));
				return outbound.send(TestUpstream.generate(size));
			})
			.response((response, body) -> Exchange.of(response, body))
			.single()
			.block(TIMEOUT);
	}

	/**
	 * A response as the client saw it: status, headers, body length and checksum.
	 */
	record Exchange(int status, io.netty.handler.codec.http.HttpHeaders headers, long length, long crc) {

		static Mono<Exchange> of(HttpClientResponse response, ByteBufFlux body) {
			CRC32 crc = new CRC32();
			return body.map((buf) -> {
				crc.update(buf.nioBuffer());
				return (long) buf.readableBytes();
			}).reduce(0L, Long::sum).map((length) -> new Exchange(response.status().code(), response.responseHeaders(),
					length, crc.getValue()));
		}

		String header(String name) {
			return this.headers.get(name);
		}

	}


}
