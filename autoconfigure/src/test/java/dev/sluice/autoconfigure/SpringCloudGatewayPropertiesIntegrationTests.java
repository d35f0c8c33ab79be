package dev.sluice.autoconfigure;

import java.time.Duration;

import dev.sluice.route.Route;
import dev.sluice.route.RouteTable;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes written for Spring Cloud Gateway run unchanged, where they are, when
 * {@code sluice.compatibility.read-spring-cloud-gateway-properties} is set.
 */
@GatewayApp(properties = {
		"sluice.compatibility.read-spring-cloud-gateway-properties=true",
		"spring.cloud.gateway.server.webflux.routes[0].id=scg",
		"spring.cloud.gateway.server.webflux.routes[0].uri=${upstream.uri}",
		"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/legacy/**",
		"spring.cloud.gateway.server.webflux.routes[0].filters[0]=SetPath=/bytes/12",
		"spring.cloud.gateway.server.webflux.default-filters[0]=AddResponseHeader=X-Default, yes",
		"spring.cloud.gateway.server.webflux.httpclient.connect-timeout=1500",
		"spring.cloud.gateway.server.webflux.httpclient.response-timeout=7s" })
class SpringCloudGatewayPropertiesIntegrationTests {

	@ProxyTest
	void proxiesRoutesAndDefaultFiltersReadFromSpringCloudGatewaysProperties(Gateway gateway) {
		assertThat(gateway.bean(RouteTable.class).routes()).extracting(Route::id).containsExactly("scg");
		gateway.webTestClient()
			.get()
			.uri("/legacy/anything")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Default", "yes")
			.expectBody()
			.consumeWith((body) -> assertThat(body.getResponseBody()).hasSize(12));
	}

	@ProxyTest
	void readsSpringCloudGatewaysHttpClientTimeouts(Gateway gateway) {
		SluiceHttpClientProperties properties = gateway.bean(SluiceHttpClientProperties.class);
		assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofSeconds(7));
	}

}
