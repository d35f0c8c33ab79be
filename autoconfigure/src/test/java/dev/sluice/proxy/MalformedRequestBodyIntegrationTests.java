package dev.sluice.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.RawUpstream;
import dev.sluice.test.ServerKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chunked request body that fails to decode after a valid first chunk: the upstream must never
 * receive it as a complete request (its connection is closed without the last chunk), and the
 * client gets a 400 at once, well within the route's response timeout.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=raw",
		"sluice.routes[0].uri=${raw-upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/raw/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		// Spring applies this header when it commits, which may be just when Tomcat's 400 goes out.
		"sluice.routes[0].filters[1]=AddResponseHeader=X-Route,raw",
		"sluice.routes[0].metadata.response-timeout=10s" })
class MalformedRequestBodyIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Duration PROMPTLY = Duration.ofSeconds(3);

	/** Chunk-size lines that both servers refuse: not hex, too large, ended by a bare LF. */
	private static final List<Map.Entry<String, String>> MALFORMED = List.of(Map.entry("not-hex", "zz\r\n"),
			Map.entry("overflow", "fffffffffffffffffffff\r\n"), Map.entry("bare-lf", "5\nworld\r\n"));

	private static final AtomicInteger REQUESTS = new AtomicInteger();

	@ProxyTest
	void abortsTheUpstreamRequestAndAnswers400WhenAChunkSizeAfterTheFirstChunkIsMalformed(Gateway gateway,
			ServerKind server) throws Exception {
		for (Map.Entry<String, String> malformed : MALFORMED) {
			String key = key(server, malformed);
			RawUpstream.Recording recording = RawUpstream.get().recording(key);
			try (RawHttp client = RawHttp.connect(gateway.port())) {
				client.send("POST", "/raw/record/" + key, "Transfer-Encoding: chunked").write("5\r\nhello\r\n");
				// The first chunk has reached the upstream before the broken one is sent.
				await().atMost(TIMEOUT).until(() -> recording.decoded().equals("hello"));
				assertAnswers400Promptly(client, malformed.getValue(), key);
			}
			assertThat(recording.ending(TIMEOUT)).as(key).isIn("closed", "reset");
			assertThat(recording.raw()).as(key).isEqualTo("5\r\nhello\r\n");
		}
	}

	@ProxyTest
	void abortsTheUpstreamRequestAndAnswers400WhenAMalformedChunkSizeArrivesWithTheFirstChunk(Gateway gateway,
			ServerKind server) throws Exception {
		// The whole body is with the server before the upstream call reads any of it: Reactor Netty
		// has answered and disposed the body, Tomcat fails the read on the upstream call's thread.
		for (Map.Entry<String, String> malformed : MALFORMED) {
			String key = key(server, malformed);
			RawUpstream.Recording recording = RawUpstream.get().recording(key);
			try (RawHttp client = RawHttp.connect(gateway.port())) {
				client.send("POST", "/raw/record/" + key, "Transfer-Encoding: chunked");
				assertAnswers400Promptly(client, "5\r\nhello\r\n" + malformed.getValue(), key);
			}
			assertThat(recording.ending(TIMEOUT)).as(key).isIn("closed", "reset");
			assertThat(recording.raw()).as(key).isIn("", "5\r\nhello\r\n");
		}
	}

	private static void assertAnswers400Promptly(RawHttp client, String bytes, String key) throws Exception {
		long sent = System.nanoTime();
		String head = client.write(bytes).readHead();
		Duration answeredAfter = Duration.ofNanos(System.nanoTime() - sent);
		assertThat(head).as(key).startsWith("HTTP/1.1 400 ");
		assertThat(answeredAfter).as(key).isLessThan(PROMPTLY);
	}

	private static String key(ServerKind server, Map.Entry<String, String> malformed) {
		return server.reportedName() + "-" + malformed.getKey() + "-" + REQUESTS.incrementAndGet();
	}

}
