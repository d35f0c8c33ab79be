package dev.sluice.proxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import dev.sluice.arguments.NoArguments;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.ServerKind;
import dev.sluice.test.TestUpstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the gateway does when things go wrong on either side: an unreachable or slow upstream, an
 * upstream that breaks off, a client that leaves at any moment, a filter that answers itself.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=down",
		"sluice.routes[0].uri=http://127.0.0.1:1",
		"sluice.routes[0].predicates[0]=Path=/down/**",
		"sluice.routes[1].id=slow",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/timeout/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[1].metadata.response-timeout=300ms",
		"sluice.routes[2].id=committed",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/committed/**",
		"sluice.routes[2].filters[0]=StripPrefix=1",
		"sluice.routes[2].filters[1]=CommitResponse",
		"sluice.routes[3].id=up",
		"sluice.routes[3].uri=${upstream.uri}",
		"sluice.routes[3].predicates[0]=Path=/up/**",
		"sluice.routes[3].filters[0]=StripPrefix=1",
		"sluice.routes[4].id=guarded",
		"sluice.routes[4].uri=${upstream.uri}",
		"sluice.routes[4].predicates[0]=Path=/guarded/**",
		"sluice.routes[4].filters[0]=StripPrefix=1",
		"sluice.routes[4].metadata.response-timeout=2s" },
		configurations = ProxyFailureIntegrationTests.CommitResponseConfiguration.class)
class ProxyFailureIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ProxyTest
	void answersAnUnreachableUpstreamWithJson502(Gateway gateway) {
		for (String method : List.of("GET", "POST")) {
			gateway.webTestClient()
				.method(org.springframework.http.HttpMethod.valueOf(method))
				.uri("/down/x?y=1")
				.bodyValue("payload that never goes anywhere".repeat(64))
				.exchange()
				.expectStatus()
				.isEqualTo(502)
				.expectHeader()
				.contentTypeCompatibleWith("application/json")
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(502)
				.jsonPath("$.error")
				.isEqualTo("Bad Gateway")
				.jsonPath("$.route")
				.isEqualTo("down")
				.jsonPath("$.path")
				.isEqualTo("/down/x");
		}
	}

	@ProxyTest
	void answersASlowUpstreamWithJson504(Gateway gateway) {
		long started = System.nanoTime();
		gateway.webTestClient()
			.get()
			.uri("/timeout/delay/3000")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(504)
			.jsonPath("$.route")
			.isEqualTo("slow");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
	}

	@ProxyTest
	void deliversServerSentEventsOneByOneAsTheyAreSent(Gateway gateway) {
		long started = System.nanoTime();
		List<Long> arrivals = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		gateway.httpClient()
			.get()
			.uri("/up/sse?events=5&delayMs=300")
			.responseContent()
			.asString(StandardCharsets.UTF_8)
			.doOnNext((chunk) -> {
				text.append(chunk);
				long events = text.chars().filter((c) -> c == '\n').count() / 3;
				while (arrivals.size() < events) {
					arrivals.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
				}
			})
			.blockLast(TIMEOUT);
		assertThat(text.toString()).contains("data:event-0", "data:event-4");
		assertThat(arrivals).hasSize(5);
		// Sent at about 300, 600, ... 1500 ms: had the gateway held them, all would arrive at once.
		assertThat(arrivals.get(4) - arrivals.get(0)).isGreaterThan(800);
		assertThat(arrivals.get(0)).isLessThan(arrivals.get(4) - 800);
	}

	@ProxyTest
	void neverPresentsAnUpstreamResetAsASuccess(Gateway gateway) {
		// A reset can come after part of the body (the client's response is aborted) or, since it
		// drops unread data, before the gateway read any of it (a complete 502 is then possible).
		for (String query : List.of("bytes=32768", "bytes=32768&chunked", "bytes=16384&delayMs=0",
				"bytes=16384&delayMs=2", "bytes=16384&delayMs=0&chunked")) {
			Mono<String> outcome = gateway.httpClient()
				.get()
				.uri("/up/reset?" + query)
				.responseSingle((response, body) -> body.asString()
					.defaultIfEmpty("")
					.map((text) -> response.status().code() + " " + text));
			try {
				String answer = outcome.block(Duration.ofSeconds(10));
				assertThat(answer).as(query).startsWith("502 ").contains("\"route\":\"up\"");
			}
			catch (RuntimeException ex) {
				assertThat(ex).as(query).hasRootCauseInstanceOf(PrematureCloseException.class);
			}
		}
	}

	@ProxyTest
	void disposesTheUpstreamWhenTheClientLeavesBeforeItAnswers(Gateway gateway, ServerKind server) throws Exception {
		TestUpstream upstream = TestUpstream.get();
		int entered = upstream.stallsEntered();
		int closed = upstream.stallsClosed();
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			client.send("GET", "/guarded/stall");
			await().atMost(TIMEOUT).until(() -> upstream.stallsEntered() > entered);
		}
		long left = System.nanoTime();
		await().atMost(TIMEOUT).until(() -> upstream.stallsClosed() > closed);
		Duration disposedAfter = Duration.ofNanos(System.nanoTime() - left);
		if (server == ServerKind.REACTOR_NETTY) {
			// Netty sees the client go at once; Tomcat only at its next write, so there the
			// route's response timeout (2s) is what ends the upstream call.
			assertThat(disposedAfter).isLessThan(Duration.ofMillis(1500));
		}
	}

	@ProxyTest
	void disposesTheUpstreamWhenTheClientLeavesAfterTheHeaders(Gateway gateway, ServerKind server) throws Exception {
		TestUpstream upstream = TestUpstream.get();
		int closed = upstream.stallsClosed();
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			// The headers reach the client before any body: a streaming response is committed at once.
			assertThat(client.send("GET", "/guarded/headers-then-stall").readHead()).startsWith("HTTP/1.1 200");
		}
		long left = System.nanoTime();
		await().atMost(TIMEOUT).until(() -> upstream.stallsClosed() > closed);
		if (server == ServerKind.REACTOR_NETTY) {
			assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(Duration.ofMillis(1500));
		}
	}

	@ProxyTest
	void releasesEveryBufferWhenTheClientLeavesMidBody(Gateway gateway) throws Exception {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			assertThat(client.send("GET", "/up/slow?chunks=200&delayMs=10").readHead()).startsWith("HTTP/1.1 200");
			assertThat(client.readBytes(64)).isEqualTo(64);
		}
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			assertThat(client.send("GET", "/up/bytes/" + (64 * 1024 * 1024)).readHead()).startsWith("HTTP/1.1 200");
			assertThat(client.readBytes(256 * 1024)).isEqualTo(256 * 1024);
		}
		// The gateway is still healthy afterwards.
		byte[] body = gateway.webTestClient().get().uri("/up/bytes/1024").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		assertThat(body).hasSize(1024);
	}

	@ProxyTest
	void disposesTheUpstreamBodyWhenAFilterCommitsTheResponse(Gateway gateway, ServerKind server) throws Exception {
		TestUpstream upstream = TestUpstream.get();
		int closed = upstream.stallsClosed();
		gateway.webTestClient().get().uri("/committed/headers-then-stall").exchange().expectStatus().isOk()
			.expectBody().isEmpty();
		await().atMost(TIMEOUT).until(() -> upstream.stallsClosed() > closed);
	}

	@Configuration(proxyBeanMethods = false)
	static class CommitResponseConfiguration {

		@Bean
		GatewayFilterFactory<NoArguments> commitResponseGatewayFilterFactory() {
			return new GatewayFilterFactory<NoArguments>() {

				@Override
				public String name() {
					return "CommitResponse";
				}

				@Override
				public GatewayFilter create(NoArguments none) {
					return (exchange, chain) -> chain.filter(exchange)
						.then(Mono.defer(() -> exchange.getResponse().setComplete()));
				}

			};
		}

	}

}
