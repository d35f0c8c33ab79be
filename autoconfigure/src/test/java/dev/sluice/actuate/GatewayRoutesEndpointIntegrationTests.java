package dev.sluice.actuate;

import java.time.Duration;

import dev.sluice.route.RouteTable;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/gateway/routes} and {@code /actuator/gateway/routes/{id}} in Spring Cloud
 * Gateway's shape, read-only, on each server.
 */
@GatewayApp(properties = {
		"management.endpoints.web.exposure.include=gateway",
		"management.endpoint.gateway.access=unrestricted",
		"sluice.routes[0].id=shortcut",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].order=2",
		"sluice.routes[0].predicates[0]=Path=/a/**,/b/**",
		"sluice.routes[0].predicates[1]=Method=GET",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].metadata.team=blue",
		"sluice.routes[0].metadata.api-token=s3cr3t",
		"sluice.routes[1].id=expanded",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0].name=Path",
		"sluice.routes[1].predicates[0].args.patterns=/c/**",
		"sluice.routes[1].filters[0].name=AddResponseHeader",
		"sluice.routes[1].filters[0].args.name=X-Route",
		"sluice.routes[1].filters[0].args.value=expanded" })
class GatewayRoutesEndpointIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ProxyTest
	void listsTheRoutesInSpringCloudGatewaysShape(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/actuator/gateway/routes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()").isEqualTo(2)
			.jsonPath("$[0].route_id").isEqualTo("expanded")
			.jsonPath("$[0].predicate").isEqualTo("Path={patterns=/c/**}")
			// The arguments in the order they were bound: test properties come through a map that
			// does not keep the order they are written in here, unlike a YAML file.
			.jsonPath("$[0].filters[0]").value(String.class, (filter) -> assertThat(filter)
				.isIn("AddResponseHeader={name=X-Route, value=expanded}", "AddResponseHeader={value=expanded, name=X-Route}"))
			.jsonPath("$[1].route_id").isEqualTo("shortcut")
			.jsonPath("$[1].uri").isEqualTo(gateway.context().getEnvironment().getProperty("upstream.uri"))
			.jsonPath("$[1].order").isEqualTo(2)
			.jsonPath("$[1].predicate").isEqualTo("Path=/a/**,/b/** && Method=GET")
			.jsonPath("$[1].predicates[1]").isEqualTo("Method=GET")
			.jsonPath("$[1].filters[0]").isEqualTo("StripPrefix=1")
			.jsonPath("$[1].metadata.team").isEqualTo("blue")
			.jsonPath("$[1].metadata.api-token").isEqualTo("******");
	}

	@ProxyTest
	void showsOneRouteByIdAnd404ForAnUnknownOne(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/actuator/gateway/routes/shortcut")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.route_id").isEqualTo("shortcut")
			.jsonPath("$.filters[0]").isEqualTo("StripPrefix=1");
		gateway.webTestClient().get().uri("/actuator/gateway/routes/nope").exchange().expectStatus().isNotFound();
	}

	@ProxyTest
	void createsNoRouteOverHttpAndListsTheValidChoicesOfAnUnknownName(Gateway gateway) {
		handlerClient(gateway).post()
			.uri("/actuator/gateway/routes/created")
			.bodyValue("{\"id\":\"created\",\"uri\":\"http://127.0.0.1:1\",\"predicates\":[\"Path=/**\"]}")
			.header("Content-Type", "application/json")
			.exchange()
			.expectStatus()
			.is4xxClientError();
		handlerClient(gateway).post().uri("/actuator/gateway/routes").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error").isEqualTo("Unknown action 'routes'")
			.jsonPath("$.validChoices[0]").isEqualTo("refresh");
		handlerClient(gateway).get().uri("/actuator/gateway/things").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error").isEqualTo("Unknown collection 'things'")
			.jsonPath("$.validChoices[0]").isEqualTo("routes");
		assertThat(gateway.bean(RouteTable.class).routes()).hasSize(2);
	}

	/**
	 * Returns a client bound to the application's web handler, as GatewayEndpointIntegrationTests
	 * explains: a failing operation's 400 can be lost on Tomcat's socket, and the status is the
	 * endpoint's to decide.
	 */
	private static WebTestClient handlerClient(Gateway gateway) {
		return WebTestClient.bindToApplicationContext(gateway.context()).configureClient().responseTimeout(TIMEOUT).build();
	}

}
