package dev.sluice.proxy;

import java.time.Duration;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TlsUpstreams;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes to TLS upstreams with certificates generated for the test: trust and client keys from a
 * route's SSL bundle, the JDK's trust store without one, host names verified, expired certificates
 * refused, a handshake that never completes cut off; every refusal a 502 (504 for the timeout)
 * with the reason, and one WARN naming the route.
 */
@ExtendWith(TlsUpstreams.Running.class)
@GatewayApp(properties = {
		"spring.ssl.bundle.pem.upstreams.truststore.certificate=${tls.ca}",
		"spring.ssl.bundle.pem.client.truststore.certificate=${tls.ca}",
		"spring.ssl.bundle.pem.client.keystore.certificate=${tls.client-cert}",
		"spring.ssl.bundle.pem.client.keystore.private-key=${tls.client-key}",
		"sluice.http-client.ssl.handshake-timeout=500ms",
		"sluice.routes[0].id=jdk",
		"sluice.routes[0].uri=${tls.trusted.uri}",
		"sluice.routes[0].predicates[0]=Path=/jdk/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=trusted",
		"sluice.routes[1].uri=${tls.trusted.uri}",
		"sluice.routes[1].predicates[0]=Path=/trusted/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[1].metadata.ssl-bundle=upstreams",
		"sluice.routes[2].id=wrong-host",
		"sluice.routes[2].uri=${tls.wrong-host.uri}",
		"sluice.routes[2].predicates[0]=Path=/wrong-host/**",
		"sluice.routes[2].filters[0]=StripPrefix=1",
		"sluice.routes[2].metadata.ssl-bundle=upstreams",
		"sluice.routes[3].id=expired",
		"sluice.routes[3].uri=${tls.expired.uri}",
		"sluice.routes[3].predicates[0]=Path=/expired/**",
		"sluice.routes[3].filters[0]=StripPrefix=1",
		"sluice.routes[3].metadata.ssl-bundle=upstreams",
		"sluice.routes[4].id=mutual",
		"sluice.routes[4].uri=${tls.mutual.uri}",
		"sluice.routes[4].predicates[0]=Path=/mutual/**",
		"sluice.routes[4].filters[0]=StripPrefix=1",
		"sluice.routes[4].metadata.ssl-bundle=client",
		"sluice.routes[5].id=mutual-without-key",
		"sluice.routes[5].uri=${tls.mutual.uri}",
		"sluice.routes[5].predicates[0]=Path=/mutual-without-key/**",
		"sluice.routes[5].filters[0]=StripPrefix=1",
		"sluice.routes[5].metadata.ssl-bundle=upstreams",
		"sluice.routes[6].id=silent",
		"sluice.routes[6].uri=${tls.silent.uri}",
		"sluice.routes[6].predicates[0]=Path=/silent/**",
		"sluice.routes[6].filters[0]=StripPrefix=1",
		"sluice.routes[6].metadata.ssl-bundle=upstreams" })
@ExtendWith(OutputCaptureExtension.class)
class TlsIntegrationTests {

	@ProxyTest
	void trustsAnUpstreamThroughTheRoutesBundle(Gateway gateway) {
		gateway.webTestClient().get().uri("/trusted/name").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("trusted");
	}

	@ProxyTest
	void streamsALargeBodyFromATlsUpstream(Gateway gateway) {
		Long received = gateway.httpClient().get().uri("/trusted/bytes/1048576").responseContent()
			.map((buffer) -> (long) buffer.readableBytes()).reduce(0L, Long::sum).block(Duration.ofSeconds(20));
		assertThat(received).isEqualTo(1048576L);
	}

	@ProxyTest
	void refusesAnUpstreamTheJdkTrustStoreDoesNotTrust(Gateway gateway, CapturedOutput output) {
		expectRefusal(gateway, "jdk", "TLS handshake with the upstream failed: the upstream's certificate is not trusted");
		assertThat(warnings(output, "jdk")).isEqualTo(1);
	}

	@ProxyTest
	void verifiesTheUpstreamsHostName(Gateway gateway, CapturedOutput output) {
		expectRefusal(gateway, "wrong-host",
				"TLS handshake with the upstream failed: the upstream's certificate is for another host name");
		assertThat(warnings(output, "wrong-host")).isEqualTo(1);
	}

	@ProxyTest
	void refusesAnExpiredCertificate(Gateway gateway, CapturedOutput output) {
		expectRefusal(gateway, "expired", "TLS handshake with the upstream failed: the upstream's certificate has expired");
		assertThat(warnings(output, "expired")).isEqualTo(1);
	}

	@ProxyTest
	void presentsTheBundlesClientCertificateToAnUpstreamThatRequiresOne(Gateway gateway) {
		gateway.webTestClient().get().uri("/mutual/name").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("mutual");
	}

	@ProxyTest
	void failsWhenAnUpstreamRequiresAClientCertificateAndTheBundleHasNone(Gateway gateway, CapturedOutput output) {
		expectRefusal(gateway, "mutual-without-key",
				"TLS handshake with the upstream failed: the upstream refused it with the alert");
		assertThat(warnings(output, "mutual-without-key")).isEqualTo(1);
	}

	@ProxyTest
	void answers504WhenTheHandshakeDoesNotCompleteInTime(Gateway gateway) {
		gateway.webTestClient().get().uri("/silent/name").exchange().expectStatus().isEqualTo(504)
			.expectBody().jsonPath("$.route").isEqualTo("silent")
			.jsonPath("$.message").isEqualTo("TLS handshake with the upstream timed out");
	}

	static void expectRefusal(Gateway gateway, String route, String message) {
		gateway.webTestClient().get().uri("/" + route + "/name").exchange().expectStatus().isEqualTo(502)
			.expectHeader().contentTypeCompatibleWith("application/json")
			.expectBody()
			.jsonPath("$.route").isEqualTo(route)
			.jsonPath("$.message").value(String.class, (text) -> assertThat(text).startsWith(message));
	}

	static long warnings(CapturedOutput output, String route) {
		return output.getAll().lines()
			.filter((line) -> line.contains("WARN") && line.contains("Route " + route + ": 50") && line.contains(": TLS handshake"))
			.count();
	}

}
