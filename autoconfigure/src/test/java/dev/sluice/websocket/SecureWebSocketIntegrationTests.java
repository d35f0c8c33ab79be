package dev.sluice.websocket;

import java.time.Duration;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TlsUpstreams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket sessions to a {@code wss://} upstream, on both servers: trusted through the route's SSL
 * bundle as {@code https://} routes are, refused with the handshake's reason without one, and the
 * upstream handshake carrying the gateway's forwarded hop.
 */
@ExtendWith(TlsUpstreams.Running.class)
@GatewayApp(properties = {
		"spring.ssl.bundle.pem.upstreams.truststore.certificate=${tls.ca}",
		"sluice.routes[0].id=wss",
		"sluice.routes[0].uri=${tls.trusted.uri}",
		"sluice.routes[0].predicates[0]=Path=/secure/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].metadata.ssl-bundle=upstreams",
		"sluice.routes[1].id=wss-untrusted",
		"sluice.routes[1].uri=${tls.trusted.uri}",
		"sluice.routes[1].predicates[0]=Path=/untrusted/**",
		"sluice.routes[1].filters[0]=StripPrefix=1" })
class SecureWebSocketIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@ProxyTest
	void relaysASessionOverTlsWithTheGatewaysForwardedHop(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect("ws://127.0.0.1:" + gateway.port() + "/secure/ws");
		try {
			assertThat(client.next(TIMEOUT)).isEqualTo("text:X-Forwarded-For=127.0.0.1 X-Forwarded-Prefix=/secure");
			client.text("over tls");
			assertThat(client.next(TIMEOUT)).isEqualTo("text:over tls");
			client.close(1000, "done");
		}
		finally {
			client.abort();
		}
	}

	@ProxyTest
	void refusesTheUpgradeWhenTheUpstreamCertificateIsNotTrusted(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/untrusted/ws")
			.header("Connection", "Upgrade")
			.header("Upgrade", "websocket")
			.header("Sec-WebSocket-Version", "13")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("TLS handshake with the upstream failed: the upstream's certificate is not trusted");
	}

}
