package dev.sluice.proxy;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TlsUpstreams;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice.http-client.ssl.use-insecure-trust-manager}: any certificate, any host name, and
 * one WARN at startup naming the routes concerned.
 */
@ExtendWith(TlsUpstreams.Running.class)
@GatewayApp(properties = {
		"sluice.http-client.ssl.use-insecure-trust-manager=true",
		"sluice.routes[0].id=wrong-host",
		"sluice.routes[0].uri=${tls.wrong-host.uri}",
		"sluice.routes[0].predicates[0]=Path=/wrong-host/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=expired",
		"sluice.routes[1].uri=${tls.expired.uri}",
		"sluice.routes[1].predicates[0]=Path=/expired/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[2].id=plain",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/plain/**",
		"sluice.routes[2].filters[0]=StripPrefix=1" })
@ExtendWith(OutputCaptureExtension.class)
class TlsInsecureTrustIntegrationTests {

	@ProxyTest
	void trustsEveryCertificateAndWarnsOnceNamingTheRoutes(Gateway gateway, CapturedOutput output) {
		gateway.webTestClient().get().uri("/wrong-host/name").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("wrong-host");
		gateway.webTestClient().get().uri("/expired/name").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("expired");
		// The gateway of each server starts during this test's run on that server.
		assertThat(output.getAll().lines().filter((line) -> line.contains("use-insecure-trust-manager")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN").endsWith("Routes affected: wrong-host, expired"));
	}

}
