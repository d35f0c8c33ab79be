package dev.sluice.forwarded;

import io.netty.handler.codec.http.HttpHeaders;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarded headers with the defaults, on each server: no peer is trusted, so whatever forwarded
 * headers a client sends are removed, and the gateway adds its own hop.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=stripped",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/api/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=spoofable",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/echo/spoofed/**",
		"sluice.routes[1].predicates[1]=XForwardedRemoteAddr=6.6.6.0/24",
		"sluice.routes[2].id=local",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/echo/**",
		"sluice.routes[2].predicates[1]=XForwardedRemoteAddr=127.0.0.1/32" })
class ForwardedHeadersIntegrationTests {

	@ProxyTest
	void removesForwardedHeadersAnUntrustedClientSentAndAddsTheGatewaysHop(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/echo/plain")
			.header("X-Forwarded-For", "6.6.6.6")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "1")
			.header("X-Forwarded-Prefix", "/evil")
			.header("x-forwarded-client-cert", "Hash=spoofed")
			.header("Forwarded", "for=6.6.6.6;proto=https")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
		HttpHeaders seen = TestUpstream.get().lastRequest().headers();
		assertThat(seen.getAll("X-Forwarded-For")).containsExactly("127.0.0.1");
		assertThat(seen.getAll("X-Forwarded-Host")).containsExactly("127.0.0.1:" + gateway.port());
		assertThat(seen.getAll("X-Forwarded-Proto")).containsExactly("http");
		assertThat(seen.getAll("X-Forwarded-Port")).containsExactly(Integer.toString(gateway.port()));
		assertThat(seen.contains("X-Forwarded-Prefix")).isFalse();
		assertThat(seen.contains("x-forwarded-client-cert")).isFalse();
		assertThat(seen.contains("Forwarded")).isFalse();
	}

	@ProxyTest
	void tellsTheUpstreamThePrefixStripPrefixRemoved(Gateway gateway) {
		gateway.webTestClient().get().uri("/api/echo/orders?page=2").exchange().expectStatus().isOk().expectBody();
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/orders?page=2");
		assertThat(TestUpstream.get().lastRequest().headers().getAll("X-Forwarded-Prefix")).containsExactly("/api");
	}

	@ProxyTest
	void judgesXForwardedRemoteAddrByThePeerWhenTheClientIsNotTrusted(Gateway gateway) {
		// The spoofed entry is gone before predicates run: the peer, 127.0.0.1, is the client.
		gateway.webTestClient()
			.get()
			.uri("/echo/spoofed")
			.header("X-Forwarded-For", "6.6.6.6")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
		assertThat(TestUpstream.get().lastRequest().headers().getAll("X-Forwarded-For")).containsExactly("127.0.0.1");
	}

}
