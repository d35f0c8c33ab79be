package dev.sluice.actuate;

import java.util.Map;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;

import org.springframework.core.env.MapPropertySource;

/**
 * The gateway's actuator endpoints, once exposed, are read-only by default on each server: routes
 * cannot be reloaded nor leak records cleared over HTTP unless the operator grants write access.
 */
@GatewayApp(properties = {
		"management.endpoints.web.exposure.include=gateway,leaks",
		"sluice.routes[0].id=kept",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/echo/**" })
class ReadOnlyActuatorIntegrationTests {

	@ProxyTest
	void readsButDoesNotReloadTheRoutes(Gateway gateway) {
		gateway.context().getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed",
				Map.of("sluice.routes[0].id", "replaced", "sluice.routes[0].uri", "http://127.0.0.1:1",
						"sluice.routes[0].predicates[0]", "Path=/other/**")));
		try {
			gateway.webTestClient().post().uri("/actuator/gateway/refresh").exchange().expectStatus()
				.is4xxClientError().expectBody();
		}
		finally {
			gateway.context().getEnvironment().getPropertySources().remove("changed");
		}
		gateway.webTestClient().get().uri("/actuator/gateway").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.routes[0].id").isEqualTo("kept");
		gateway.webTestClient().get().uri("/echo/x").exchange().expectStatus().isOk().expectBody();
	}

	@ProxyTest
	void readsButDoesNotClearTheLeakRecords(Gateway gateway) {
		gateway.webTestClient().get().uri("/actuator/leaks").exchange().expectStatus().isOk().expectBody();
		gateway.webTestClient().delete().uri("/actuator/leaks").exchange().expectStatus().is4xxClientError()
			.expectBody();
	}

}
