package dev.sluice.websocket;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's own timers on a WebSocket session, on both servers: the idle timeout and the
 * keep-alive pings.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=ws",
		"sluice.routes[0].uri=${sluice-test.ws-upstream}",
		"sluice.routes[0].predicates[0]=Path=/ws/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.websocket.idle-timeout=800ms",
		"sluice.websocket.ping-interval=200ms" })
class WebSocketTimersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final WebSocketUpstream UPSTREAM = WebSocketUpstream.get();

	static {
		System.setProperty("sluice-test.ws-upstream", UPSTREAM.uri("ws"));
	}

	@BeforeEach
	void clearUpstream() {
		UPSTREAM.clear();
	}

	@ProxyTest
	void pingsTheClientAndKeepsItsOwnPongsAndPingsOutOfTheIdleTime(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect("ws://127.0.0.1:" + gateway.port() + "/ws/echo");
		assertThat(client.next(TIMEOUT)).isEqualTo("ping:sluice-keep-alive");
		// The client's pongs to the gateway's pings never reach the upstream, which would echo them.
		String event = client.next(TIMEOUT);
		while (event != null && event.equals("ping:sluice-keep-alive")) {
			event = client.next(TIMEOUT);
		}
		assertThat(event).isEqualTo("close:1001:Idle timeout");
		// Reactor Netty closes the connection right after its close frame; an upstream whose pong
		// to the last ping crossed it sees the reset first, and records that instead.
		assertThat(UPSTREAM.nextEnd(TIMEOUT)).matches("1001:Idle timeout|none|1002:Protocol error");
	}

	@ProxyTest
	void keepsASessionThatCarriesFramesOpenPastTheIdleTimeout(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect("ws://127.0.0.1:" + gateway.port() + "/ws/echo");
		for (int i = 0; i < 8; i++) {
			client.text("tick " + i);
			String event = client.next(TIMEOUT);
			while ("ping:sluice-keep-alive".equals(event)) {
				event = client.next(TIMEOUT);
			}
			assertThat(event).isEqualTo("text:tick " + i);
			Thread.sleep(250);
		}
		client.close(1000, "");
	}

}
