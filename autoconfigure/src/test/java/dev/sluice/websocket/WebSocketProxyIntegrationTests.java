package dev.sluice.websocket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.publisher.Mono;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.WebSocketFigures;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebSocket sessions through the gateway, on both servers, against a real WebSocket upstream and
 * with the JDK's WebSocket client: frames in order both ways, subprotocols, close codes, resets,
 * oversized frames, refused and failed handshakes, many sessions at once, and the ledger.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=ws",
		"sluice.routes[0].uri=${sluice-test.ws-upstream}",
		"sluice.routes[0].predicates[0]=Path=/ws/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].filters[1]=AddRequestHeader=X-Gateway,sluice",
		"sluice.routes[0].filters[2]=RemoveRequestHeader=X-Secret",
		"sluice.routes[1].id=plain",
		"sluice.routes[1].uri=${sluice-test.ws-upstream-http}",
		"sluice.routes[1].predicates[0]=Path=/plain/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[2].id=refusing",
		"sluice.routes[2].uri=${sluice-test.ws-upstream}",
		"sluice.routes[2].predicates[0]=Path=/refusing/**",
		"sluice.routes[2].filters[0]=SetPath=/refuse",
		"sluice.routes[3].id=down",
		"sluice.routes[3].uri=ws://127.0.0.1:1",
		"sluice.routes[3].predicates[0]=Path=/down/**",
		// A response timeout must not cut an idle session (Spring Cloud Gateway #2296).
		"sluice.http-client.response-timeout=300ms" })
class WebSocketProxyIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final WebSocketUpstream UPSTREAM = WebSocketUpstream.get();

	static {
		System.setProperty("sluice-test.ws-upstream", UPSTREAM.uri("ws"));
		System.setProperty("sluice-test.ws-upstream-http", UPSTREAM.uri("http"));
	}

	@BeforeEach
	void clearUpstream() {
		UPSTREAM.clear();
	}

	@ProxyTest
	void echoesAThousandTextAndBinaryMessagesInOrder(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
		for (int i = 0; i < 1000; i++) {
			client.text("message " + i);
		}
		for (int i = 0; i < 1000; i++) {
			assertThat(client.next(TIMEOUT)).isEqualTo("text:message " + i);
		}
		for (int i = 0; i < 1000; i++) {
			client.binary(binary(i));
		}
		for (int i = 0; i < 1000; i++) {
			assertThat(client.next(TIMEOUT)).isEqualTo(WebSocketTestClient.binaryEvent(binary(i)));
		}
		client.close(1000, "done");
		assertThat(client.next(TIMEOUT)).isEqualTo("close:1000:done");
		assertThat(UPSTREAM.nextEnd(TIMEOUT)).isEqualTo("1000:done");
	}

	@ProxyTest
	void negotiatesTheSubprotocolWithTheUpstreamFirst(Gateway gateway) throws Exception {
		WebSocketTestClient agreed = WebSocketTestClient.connect(ws(gateway, "/ws/echo"), Map.of(),
				List.of("v3.chat", "v1.chat"));
		assertThat(agreed.subprotocol()).isEqualTo("v1.chat");
		assertThat(UPSTREAM.nextHandshake(TIMEOUT).get("Sec-WebSocket-Protocol")).isEqualTo("v3.chat,v1.chat");
		agreed.close(1000, "");
		WebSocketTestClient none = WebSocketTestClient.connect(ws(gateway, "/ws/echo"), Map.of(), List.of("v3.chat"));
		assertThat(none.subprotocol()).isEmpty();
		none.text("still talking");
		assertThat(none.next(TIMEOUT)).isEqualTo("text:still talking");
		none.close(1000, "");
	}

	@ProxyTest
	void sendsTheHandshakeUpstreamAsTheRouteFiltersLeftIt(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo?q=1"),
				Map.of("X-Secret", "s3cret", "X-Client", "jdk"), List.of());
		HttpHeaders handshake = UPSTREAM.nextHandshake(TIMEOUT);
		assertThat(handshake.get("X-Gateway")).isEqualTo("sluice");
		assertThat(handshake.get("X-Client")).isEqualTo("jdk");
		assertThat(handshake.contains("X-Secret")).isFalse();
		assertThat(handshake.get("Sec-WebSocket-Version")).isEqualTo("13");
		assertThat(handshake.getAll("Sec-WebSocket-Key")).hasSize(1);
		assertThat(handshake.contains("Sec-WebSocket-Extensions")).isFalse();
		client.close(1000, "");
	}

	@ProxyTest
	void passesPingsAndPongsBothWays(Gateway gateway, ServerKind server) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
		client.ping("from-client");
		assertThat(client.next(TIMEOUT)).isEqualTo("pong:from-client");
		if (server == ServerKind.REACTOR_NETTY) {
			assertThat(UPSTREAM.nextPing(TIMEOUT)).isEqualTo("from-client");
		}
		else {
			// Tomcat answers a client's ping itself and never hands it to the application.
			assertThat(UPSTREAM.nextPing(Duration.ofMillis(200))).isNull();
		}
		client.text("ping-me:from-upstream");
		assertThat(client.next(TIMEOUT)).isEqualTo("ping:from-upstream");
		// The client's automatic pong goes back upstream, which says so in a text.
		assertThat(client.next(TIMEOUT)).isEqualTo("text:pong:from-upstream");
		client.close(1000, "");
	}

	@ProxyTest
	void passesTheClientsCloseCodeAndReasonUpstream(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
		client.text("hello");
		assertThat(client.next(TIMEOUT)).isEqualTo("text:hello");
		client.close(4001, "bye");
		assertThat(UPSTREAM.nextEnd(TIMEOUT)).isEqualTo("4001:bye");
		assertThat(client.next(TIMEOUT)).isEqualTo("close:4001:bye");
	}

	@ProxyTest
	void passesTheUpstreamsCloseCodeAndReasonToTheClient(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
		client.text("before");
		client.text("close:4002:later");
		assertThat(client.next(TIMEOUT)).isEqualTo("text:before");
		assertThat(client.next(TIMEOUT)).isEqualTo("close:4002:later");
		assertThat(UPSTREAM.nextEnd(TIMEOUT)).isEqualTo("4002:later");
	}

	@ProxyTest
	void closesTheUpstreamWithinASecondWhenTheClientResets(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
		client.text("hello");
		assertThat(client.next(TIMEOUT)).isEqualTo("text:hello");
		client.abort();
		assertThat(UPSTREAM.nextEnd(Duration.ofSeconds(1))).isEqualTo("none");
	}

	@ProxyTest
	void closesTheClientWithinASecondWhenTheUpstreamResets(Gateway gateway, ServerKind server) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
		client.text("hello");
		assertThat(client.next(TIMEOUT)).isEqualTo("text:hello");
		client.text("reset");
		String end = client.next(Duration.ofSeconds(1));
		if (server == ServerKind.REACTOR_NETTY) {
			// The connection drops without a close frame, as the upstream's did: 1006 for the client.
			assertThat(end).isIn("error:IOException", "close:1006:");
		}
		else {
			// A JSR 356 session cannot drop a connection without a close frame.
			assertThat(end).isEqualTo("close:1011:Upstream connection lost");
		}
	}

	@ProxyTest
	void closesTheSessionWith1009WhenTheClientSendsAnOversizedFrame(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
		client.text("x".repeat(65536));
		assertThat(client.next(TIMEOUT)).isEqualTo("text:" + "x".repeat(65536));
		client.text("x".repeat(65537));
		assertThat(client.next(TIMEOUT)).startsWith("close:1009");
		assertThat(UPSTREAM.nextEnd(TIMEOUT)).startsWith("1009:");
	}

	@ProxyTest
	void closesTheSessionWith1009WhenTheUpstreamSendsAnOversizedFrame(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
		client.text("big:65536");
		assertThat(client.next(TIMEOUT)).isEqualTo(WebSocketTestClient.binaryEvent(new byte[65536]));
		client.text("big:65537");
		assertThat(client.next(TIMEOUT)).startsWith("close:1009");
		// The gateway answers 1009 and closes at once; with the rest of the frame unread, the
		// upstream may see the reset first and record its own answer to it.
		assertThat(UPSTREAM.nextEnd(TIMEOUT)).matches("1009:.*|1002:Protocol error");
	}

	@ProxyTest
	void passesARefusedHandshakeWithItsStatusAndBody(Gateway gateway) {
		String answer = handshakeOverHttp(gateway, "/refusing/x");
		assertThat(answer).isEqualTo("403 yes no entry");
	}

	@ProxyTest
	void proxiesAPlainRequestOnAWebSocketRouteAsHttp(Gateway gateway) {
		gateway.webTestClient().get().uri("/refusing/x").exchange().expectStatus().isForbidden()
			.expectBody(String.class).isEqualTo("no entry");
	}

	@ProxyTest
	void passesTheEndToEndHeadersOfTheUpstreamsHandshakeAnswer(Gateway gateway) {
		String answer = gateway.httpClient()
			.websocket()
			.uri("/ws/echo")
			.handle((in, out) -> out.sendClose(1000, "").then(Mono.just(in.headers().get("X-Upstream", "none"))))
			.blockFirst(TIMEOUT);
		assertThat(answer).isEqualTo("handshake");
	}

	@ProxyTest
	void answersAnUnreachableUpstreamWithJson502(Gateway gateway) {
		String answer = handshakeOverHttp(gateway, "/down/x");
		assertThat(answer).startsWith("502 null {\"status\":502,\"error\":\"Bad Gateway\",\"route\":\"down\"")
			.contains("Upstream is unreachable");
	}

	@ProxyTest
	void proxiesAHandshakeOnAnHttpRouteAndKeepsAnIdleSessionOpen(Gateway gateway) throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/plain/echo"));
		client.text("first");
		assertThat(client.next(TIMEOUT)).isEqualTo("text:first");
		// Idle for several response timeouts: nothing may end the session.
		assertThat(client.next(Duration.ofMillis(1500))).isNull();
		client.text("second");
		assertThat(client.next(TIMEOUT)).isEqualTo("text:second");
		client.close(1000, "");
	}

	@ProxyTest
	void carriesAHundredConcurrentSessionsAndCountsThemPerRoute(Gateway gateway) throws Exception {
		BufferLedger ledger = gateway.bean(BufferLedger.class);
		long framesBefore = figures(ledger).frames();
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			List<CompletableFuture<WebSocketTestClient>> sessions = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				int session = i;
				sessions.add(CompletableFuture.supplyAsync(() -> {
					WebSocketTestClient client = WebSocketTestClient.connect(ws(gateway, "/ws/echo"));
					for (int m = 0; m < 10; m++) {
						client.text(session + "/" + m);
					}
					return client;
				}, executor));
			}
			List<WebSocketTestClient> clients = new ArrayList<>();
			for (CompletableFuture<WebSocketTestClient> session : sessions) {
				clients.add(session.get(30, TimeUnit.SECONDS));
			}
			assertThat(figures(ledger).open()).isEqualTo(100);
			for (int i = 0; i < 100; i++) {
				for (int m = 0; m < 10; m++) {
					assertThat(clients.get(i).next(TIMEOUT)).isEqualTo("text:" + i + "/" + m);
				}
				clients.get(i).close(1000, "");
			}
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(figures(ledger).open()).isZero());
			assertThat(figures(ledger).frames() - framesBefore).isEqualTo(2000);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static WebSocketFigures figures(BufferLedger ledger) {
		return ledger.webSockets().getOrDefault("ws", new WebSocketFigures(0, 0, 0));
	}

	private static String handshakeOverHttp(Gateway gateway, String path) {
		return gateway.httpClient()
			.headers((headers) -> headers.add("Upgrade", "websocket")
				.add("Connection", "Upgrade")
				.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
				.add("Sec-WebSocket-Version", "13"))
			.get()
			.uri(path)
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> response.status().code() + " " + response.responseHeaders().get("X-Refused") + " " + text))
			.block(TIMEOUT);
	}

	private static String ws(Gateway gateway, String path) {
		return "ws://127.0.0.1:" + gateway.port() + path;
	}

	private static byte[] binary(int i) {
		return ByteBuffer.allocate(12).putInt(i).putInt(~i).putInt(i * 31).array();
	}

}
