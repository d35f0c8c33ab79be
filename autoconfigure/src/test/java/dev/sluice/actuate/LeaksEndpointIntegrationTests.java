package dev.sluice.actuate;

import java.time.Duration;
import java.util.List;

import reactor.netty.http.client.PrematureCloseException;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.ServerKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After mixed traffic, successes, clients that leave, unreachable and resetting upstreams, the
 * leaks endpoint shows every buffer released and nothing suspected.
 */
@GatewayApp(properties = { "sluice.routes[0].id=up", "sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/up/**", "sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=down", "sluice.routes[1].uri=http://127.0.0.1:1",
		"sluice.routes[1].predicates[0]=Path=/down/**", "sluice.buffers.leak-grace=500ms",
		"management.endpoints.web.exposure.include=leaks,health", "management.endpoint.health.show-details=always" })
class LeaksEndpointIntegrationTests {

	@ProxyTest
	void showsNothingOutstandingAfterMixedTraffic(Gateway gateway, ServerKind server) throws Exception {
		for (int round = 0; round < 3; round++) {
			for (String path : List.of("/up/bytes/1024", "/up/bytes/200000", "/up/echo/x", "/down/x",
					"/up/sse?events=2&delayMs=10")) {
				gateway.webTestClient().get().uri(path).exchange().expectBody().returnResult();
			}
			for (String reset : List.of("/up/reset?bytes=16384&delayMs=0", "/up/reset?bytes=32768")) {
				try {
					gateway.webTestClient().get().uri(reset).exchange().expectBody().returnResult();
				}
				catch (RuntimeException ex) {
					assertThat(ex).hasRootCauseInstanceOf(PrematureCloseException.class);
				}
			}
			try (RawHttp client = RawHttp.connect(gateway.port())) {
				client.send("GET", "/up/bytes/" + (8 * 1024 * 1024)).readHead();
				client.readBytes(100_000);
			}
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> gateway.webTestClient()
			.get()
			.uri("/actuator/leaks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.server").isEqualTo(server.reportedName())
			.jsonPath("$.writer").isEqualTo((server == ServerKind.TOMCAT) ? "copy" : "zero-copy")
			.jsonPath("$.leakDetection").isEqualTo("paranoid")
			.jsonPath("$.buffers.outstanding").isEqualTo(0)
			.jsonPath("$.buffers.outstandingBytes").isEqualTo(0)
			.jsonPath("$.buffers.acquired").value((Integer acquired) -> assertThat(acquired).isGreaterThan(20))
			.jsonPath("$.routes.up.outstanding").isEqualTo(0)
			.jsonPath("$.outstanding").isEmpty()
			.jsonPath("$.suspects").isEmpty()
			.jsonPath("$.memory.allocator").isNotEmpty()
			.jsonPath("$.memory.jvmDirectPool.used").exists());
		Thread.sleep(700);
		gateway.webTestClient().get().uri("/actuator/leaks").exchange().expectBody().jsonPath("$.suspects").isEmpty();
		gateway.webTestClient()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.bufferLeaks.status").isEqualTo("UP")
			.jsonPath("$.components.bufferLeaks.details.outstanding").isEqualTo(0)
			.jsonPath("$.components.bufferLeaks.details.suspects").isEqualTo(0)
			.jsonPath("$.components.bufferLeaks.details.nettyReports").isNumber();
	}

}
