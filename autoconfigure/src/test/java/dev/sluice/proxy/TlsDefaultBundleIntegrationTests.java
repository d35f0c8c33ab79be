package dev.sluice.proxy;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TlsUpstreams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's SSL bundle ({@code sluice.http-client.ssl.bundle}) for every TLS route, a route's
 * own bundle in its place, and plain HTTP routes left alone.
 */
@ExtendWith(TlsUpstreams.Running.class)
@GatewayApp(properties = {
		"spring.ssl.bundle.pem.upstreams.truststore.certificate=${tls.ca}",
		"spring.ssl.bundle.pem.other.truststore.certificate=${tls.other-ca}",
		"spring.ssl.bundle.pem.client.truststore.certificate=${tls.ca}",
		"spring.ssl.bundle.pem.client.keystore.certificate=${tls.client-cert}",
		"spring.ssl.bundle.pem.client.keystore.private-key=${tls.client-key}",
		"sluice.http-client.ssl.bundle=upstreams",
		"sluice.routes[0].id=default",
		"sluice.routes[0].uri=${tls.trusted.uri}",
		"sluice.routes[0].predicates[0]=Path=/default/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=other",
		"sluice.routes[1].uri=${tls.trusted.uri}",
		"sluice.routes[1].predicates[0]=Path=/other/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[1].metadata.ssl-bundle=other",
		"sluice.routes[2].id=mutual",
		"sluice.routes[2].uri=${tls.mutual.uri}",
		"sluice.routes[2].predicates[0]=Path=/mutual/**",
		"sluice.routes[2].filters[0]=StripPrefix=1",
		"sluice.routes[2].metadata.ssl-bundle=client",
		"sluice.routes[3].id=mutual-default",
		"sluice.routes[3].uri=${tls.mutual.uri}",
		"sluice.routes[3].predicates[0]=Path=/mutual-default/**",
		"sluice.routes[3].filters[0]=StripPrefix=1",
		"sluice.routes[4].id=plain",
		"sluice.routes[4].uri=${upstream.uri}",
		"sluice.routes[4].predicates[0]=Path=/plain/**",
		"sluice.routes[4].filters[0]=StripPrefix=1" })
class TlsDefaultBundleIntegrationTests {

	@ProxyTest
	void trustsUpstreamsThroughTheGatewaysBundle(Gateway gateway) {
		gateway.webTestClient().get().uri("/default/name").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("trusted");
	}

	@ProxyTest
	void usesTheRoutesBundleInsteadOfTheGatewaysOne(Gateway gateway) {
		TlsIntegrationTests.expectRefusal(gateway, "other",
				"TLS handshake with the upstream failed: the upstream's certificate is not trusted");
		gateway.webTestClient().get().uri("/mutual/name").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("mutual");
		// The same upstream, over connections made with the gateway's bundle, which has no key.
		TlsIntegrationTests.expectRefusal(gateway, "mutual-default",
				"TLS handshake with the upstream failed: the upstream refused it with the alert");
	}

	@ProxyTest
	void leavesPlainHttpRoutesAlone(Gateway gateway) {
		gateway.webTestClient().get().uri("/plain/bytes/10").exchange().expectStatus().isOk()
			.expectBody().consumeWith((result) -> assertThat(result.getResponseBody()).hasSize(10));
	}

}
