package dev.sluice.loadbalancer;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TlsUpstreams;

/**
 * An {@code lb://} route whose instance is secure (an {@code https} URI), on both servers: the
 * connection is made with the route's SSL bundle, as for an {@code https://} route, because TLS is
 * chosen by the URI actually called.
 */
@ExtendWith(TlsUpstreams.Running.class)
@GatewayApp(properties = {
		"spring.ssl.bundle.pem.upstreams.truststore.certificate=${tls.ca}",
		"spring.cloud.discovery.client.simple.instances.secure[0].uri=${tls.trusted.uri}",
		"sluice.routes[0].id=secure-lb",
		"sluice.routes[0].uri=lb://secure",
		"sluice.routes[0].predicates[0]=Path=/lb/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].metadata.ssl-bundle=upstreams",
		"sluice.routes[1].id=secure-lb-jdk",
		"sluice.routes[1].uri=lb://secure",
		"sluice.routes[1].predicates[0]=Path=/jdk/**",
		"sluice.routes[1].filters[0]=StripPrefix=1" })
class SecureInstanceIntegrationTests {

	@ProxyTest
	void callsASecureInstanceWithTheRoutesBundle(Gateway gateway) {
		gateway.webTestClient().get().uri("/lb/name").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("trusted");
	}

	@ProxyTest
	void refusesASecureInstanceTheJdkDoesNotTrust(Gateway gateway) {
		gateway.webTestClient().get().uri("/jdk/name").exchange().expectStatus().isEqualTo(502)
			.expectBody().jsonPath("$.message")
			.isEqualTo("TLS handshake with the upstream failed: the upstream's certificate is not trusted");
	}

}
