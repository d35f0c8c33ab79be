package dev.sluice.forwarded;

import io.netty.handler.codec.http.HttpHeaders;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code sluice.forwarded.enabled=false}, on each server: the gateway adds no hop, and still
 * removes the forwarded headers of an untrusted client.
 */
@GatewayApp(properties = {
		"sluice.forwarded.enabled=false",
		"sluice.routes[0].id=stripped",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/api/**",
		"sluice.routes[0].filters[0]=StripPrefix=1" })
class DisabledForwardedHeadersIntegrationTests {

	@ProxyTest
	void addsNoHopAndStillRemovesUntrustedHeaders(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/api/echo/x")
			.header("X-Forwarded-For", "6.6.6.6")
			.header("Forwarded", "for=6.6.6.6")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
		HttpHeaders seen = TestUpstream.get().lastRequest().headers();
		assertThat(seen.names()).noneMatch(UntrustedForwardedHeadersWebFilter::isForwarded);
	}

}
