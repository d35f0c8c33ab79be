package dev.sluice.actuate;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;

/**
 * {@code management.endpoint.gateway.show-values=always} shows the metadata values that are masked
 * by default, in both of the endpoint's shapes.
 */
@GatewayApp(properties = {
		"management.endpoints.web.exposure.include=gateway",
		"management.endpoint.gateway.show-values=always",
		"sluice.routes[0].id=shown",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/a/**",
		"sluice.routes[0].metadata.team=blue",
		"sluice.routes[0].metadata.api-token=s3cr3t" })
class GatewayEndpointShowValuesIntegrationTests {

	@ProxyTest
	void showsSecretLookingValuesWhenConfiguredTo(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/actuator/gateway")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.routes[0].metadata.team").isEqualTo("blue")
			.jsonPath("$.routes[0].metadata.api-token").isEqualTo("s3cr3t");
		gateway.webTestClient()
			.get()
			.uri("/actuator/gateway/routes/shown")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.metadata.api-token").isEqualTo("s3cr3t");
	}

}
