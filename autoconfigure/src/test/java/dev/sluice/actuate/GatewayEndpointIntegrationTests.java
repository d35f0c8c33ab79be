package dev.sluice.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;

import org.springframework.core.env.MapPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists and reloads routes through the actuator endpoint on each server, with a request in flight.
 */
@GatewayApp(properties = {
		"management.endpoints.web.exposure.include=gateway",
		"management.endpoint.gateway.access=unrestricted",
		"sluice.routes[0].id=slow",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/delay/**",
		"sluice.routes[0].metadata.team=blue",
		"sluice.routes[0].metadata.api-key=s3cr3t",
		"sluice.routes[0].metadata.upstreamPassword=hunter2",
		"sluice.routes[1].id=first",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].order=5",
		"sluice.routes[1].predicates[0]=Path=/old/**",
		"sluice.routes[1].filters[0]=SetPath=/echo" })
class GatewayEndpointIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ProxyTest
	void listsRoutesAndReloadsThemWithoutDroppingInFlightRequests(Gateway gateway, ServerKind server) {
		gateway.webTestClient()
			.get()
			.uri("/actuator/gateway")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.server")
			.isEqualTo(server.reportedName())
			.jsonPath("$.writer")
			.isEqualTo((server == ServerKind.TOMCAT) ? "copy" : "zero-copy")
			.jsonPath("$.writerStrategy")
			.isEqualTo("auto")
			.jsonPath("$.routes[0].id")
			.isEqualTo("slow")
			.jsonPath("$.routes[0].metadata.team")
			.isEqualTo("blue")
			.jsonPath("$.routes[0].metadata.api-key")
			.isEqualTo("******")
			.jsonPath("$.routes[0].metadata.upstreamPassword")
			.isEqualTo("******")
			.jsonPath("$.routes[1].order")
			.isEqualTo(5)
			.jsonPath("$.routes[1].predicates[0]")
			.isEqualTo("Path=/old/**")
			.jsonPath("$.routes[1].filters[0]")
			.isEqualTo("SetPath=/echo");
		Mono<String> inFlight = gateway.httpClient()
			.get()
			.uri("/delay/1200")
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
				.map((text) -> response.status().code() + " " + text))
			.cache();
		inFlight.subscribe();
		sleep(300);
		// A list binds from one property source, so the new source holds whole routes.
		String upstream = gateway.context().getEnvironment().getProperty("upstream.uri");
		gateway.context().getEnvironment().getPropertySources().addFirst(new MapPropertySource("reloaded", Map.of(
				"sluice.routes[0].id", "delayed", "sluice.routes[0].uri", upstream,
				"sluice.routes[0].predicates[0]", "Path=/delayed/**", "sluice.routes[1].id", "renamed",
				"sluice.routes[1].uri", upstream, "sluice.routes[1].predicates[0]", "Path=/new/**",
				"sluice.routes[1].filters[0]", "SetPath=/echo")));
		gateway.webTestClient()
			.post()
			.uri("/actuator/gateway/refresh")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.routes")
			.isEqualTo(2);
		assertThat(inFlight.block(TIMEOUT)).isEqualTo("200 delayed 1200");
		gateway.webTestClient().get().uri("/new/x").exchange().expectStatus().isOk().expectBody().isEmpty();
		gateway.webTestClient().get().uri("/old/x").exchange().expectStatus().isNotFound().expectBody();
		gateway.webTestClient().get().uri("/actuator/gateway").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.routes[1].id").isEqualTo("renamed");
	}

	@ProxyTest
	void keepsTheRoutesInForceWhenTheReloadedOnesAreInvalidOrTheActionIsUnknown(Gateway gateway) {
		gateway.context().getEnvironment().getPropertySources().addFirst(new MapPropertySource("broken",
				Map.of("sluice.routes[0].uri", "ftp://nowhere", "sluice.routes[0].id", "broken")));
		try {
			handlerClient(gateway)
				.post()
				.uri("/actuator/gateway/refresh")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody();
		}
		finally {
			gateway.context().getEnvironment().getPropertySources().remove("broken");
		}
		handlerClient(gateway).post().uri("/actuator/gateway/restart").exchange().expectStatus().isBadRequest()
			.expectBody();
		gateway.webTestClient().get().uri("/actuator/gateway").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.routes.length()").isEqualTo(2);
	}

	/**
	 * Returns a client bound to the application's web handler rather than to its server. An
	 * operation that fails answers on the bounded-elastic thread it ran on, and Reactor's
	 * {@code subscribeOn} can interrupt that thread while it writes the 400 (the subscribing
	 * thread disposes a task that has already run). On Tomcat that thread writes to the socket
	 * itself, and Tomcat closes the connection on an interrupted write before the answer is out
	 * (docs/servers.md). The status is the endpoint's to decide, so it is checked where no socket
	 * can lose it.
	 * @param gateway the gateway
	 * @return the client
	 */
	private static WebTestClient handlerClient(Gateway gateway) {
		return WebTestClient.bindToApplicationContext(gateway.context()).configureClient().responseTimeout(TIMEOUT).build();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
