package dev.sluice.forwarded;

import io.netty.handler.codec.http.HttpHeaders;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarded headers behind a trusted proxy, on each server: the test client connects from
 * 127.0.0.1, which is trusted, so its forwarded headers are passed on and the gateway's hop is
 * added to them, in the X-Forwarded-* headers and in RFC 7239's Forwarded.
 */
@GatewayApp(properties = {
		"sluice.forwarded.trusted-proxies=127\\.0\\.0\\.1",
		"sluice.forwarded.forwarded-header=true",
		"sluice.routes[0].id=stripped",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/api/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=client-range",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/echo/client/**",
		"sluice.routes[1].predicates[1]=XForwardedRemoteAddr=1.2.3.0/24",
		"sluice.routes[2].id=two-proxies",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/echo/two/**",
		"sluice.routes[2].predicates[1].name=XForwardedRemoteAddr",
		"sluice.routes[2].predicates[1].args.sources=9.9.9.9",
		"sluice.routes[2].predicates[1].args.maxTrustedIndex=2" })
class TrustedProxyForwardedHeadersIntegrationTests {

	@ProxyTest
	void appendsTheGatewaysHopToWhatATrustedProxySent(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/api/echo/x")
			.header("X-Forwarded-For", "1.2.3.4")
			.header("X-Forwarded-Host", "public.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "443")
			.header("X-Forwarded-Prefix", "/edge")
			.header("Forwarded", "for=1.2.3.4;proto=https;host=public.example")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
		HttpHeaders seen = TestUpstream.get().lastRequest().headers();
		assertThat(seen.getAll("X-Forwarded-For")).containsExactly("1.2.3.4, 127.0.0.1");
		assertThat(seen.getAll("X-Forwarded-Host")).containsExactly("public.example");
		assertThat(seen.getAll("X-Forwarded-Proto")).containsExactly("https");
		assertThat(seen.getAll("X-Forwarded-Port")).containsExactly("443");
		assertThat(seen.getAll("X-Forwarded-Prefix")).containsExactly("/edge,/api");
		assertThat(seen.getAll("Forwarded")).containsExactly("for=1.2.3.4;proto=https;host=public.example, "
				+ "for=127.0.0.1;proto=http;host=\"127.0.0.1:" + gateway.port() + "\"");
	}

	@ProxyTest
	void writesEveryHeaderOfItsHopWhenTheTrustedProxySentNone(Gateway gateway) {
		gateway.webTestClient().get().uri("/api/echo/y").exchange().expectStatus().isOk().expectBody();
		HttpHeaders seen = TestUpstream.get().lastRequest().headers();
		assertThat(seen.getAll("X-Forwarded-For")).containsExactly("127.0.0.1");
		assertThat(seen.getAll("X-Forwarded-Proto")).containsExactly("http");
		assertThat(seen.getAll("X-Forwarded-Prefix")).containsExactly("/api");
		assertThat(seen.getAll("Forwarded"))
			.containsExactly("for=127.0.0.1;proto=http;host=\"127.0.0.1:" + gateway.port() + "\"");
	}

	@ProxyTest
	void takesTheClientAddressFromTheEntryTheTrustedProxyAppended(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/echo/client")
			.header("X-Forwarded-For", "1.2.3.4")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
		gateway.webTestClient()
			.get()
			.uri("/echo/client")
			.header("X-Forwarded-For", "1.2.3.4, 5.6.7.8")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody();
	}

	@ProxyTest
	void countsAsManyEntriesAsMaxTrustedIndexSays(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/echo/two")
			.header("X-Forwarded-For", "6.6.6.6, 9.9.9.9, 10.0.0.2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
		gateway.webTestClient()
			.get()
			.uri("/echo/two")
			.header("X-Forwarded-For", "9.9.9.9, 6.6.6.6, 10.0.0.2")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody();
	}

}
