package dev.sluice.websocket;

import java.time.Duration;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TlsUpstreams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket sessions to the instances of a service, on both servers: {@code lb:ws://} resolves an
 * instance through Spring Cloud LoadBalancer as {@code lb://} does, and {@code lb:wss://} speaks TLS
 * to it with the route's SSL bundle even when the instance does not say it is secure.
 */
@ExtendWith(TlsUpstreams.Running.class)
@GatewayApp(properties = {
		"spring.ssl.bundle.pem.upstreams.truststore.certificate=${tls.ca}",
		"spring.cloud.discovery.client.simple.instances.chat[0].uri=${sluice-test.lb-ws-upstream}",
		"spring.cloud.discovery.client.simple.instances.secure-chat[0].uri=${tls.trusted.plain-uri}",
		"sluice.routes[0].id=chat",
		"sluice.routes[0].uri=lb:ws://chat",
		"sluice.routes[0].predicates[0]=Path=/chat/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=secure-chat",
		"sluice.routes[1].uri=lb:wss://secure-chat",
		"sluice.routes[1].predicates[0]=Path=/secure-chat/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[1].metadata.ssl-bundle=upstreams" })
class LoadBalancedWebSocketIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	static {
		System.setProperty("sluice-test.lb-ws-upstream", WebSocketUpstream.get().uri("http"));
	}

	@ProxyTest
	void relaysASessionToAnInstanceOfTheService(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect("ws://127.0.0.1:" + gateway.port() + "/chat/echo");
		try {
			client.text("to an instance");
			assertThat(client.next(TIMEOUT)).isEqualTo("text:to an instance");
			client.close(4001, "bye");
			assertThat(client.next(TIMEOUT)).isEqualTo("close:4001:bye");
		}
		finally {
			client.abort();
		}
	}

	@ProxyTest
	void speaksTlsToTheInstanceOfAnLbWssRoute(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect("ws://127.0.0.1:" + gateway.port() + "/secure-chat/ws");
		try {
			assertThat(client.next(TIMEOUT)).startsWith("text:X-Forwarded-For=127.0.0.1");
			client.text("over tls");
			assertThat(client.next(TIMEOUT)).isEqualTo("text:over tls");
		}
		finally {
			client.abort();
		}
	}

}
