package dev.sluice.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawUpstream;
import dev.sluice.test.ServerKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Across random interleavings of informational responses, {@code 100 Continue}, kept-alive and
 * closed connections and framing the gateway cannot account for, every client receives exactly the
 * response its own request produced. The sequence comes from a fixed seed, so a failure replays.
 */
@GatewayApp(properties = { "sluice.routes[0].id=raw", "sluice.routes[0].uri=${raw-upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/raw/**" })
class InterleavedExchangesIntegrationTests {

	private static final long SEED = 0x5111CE13L;

	private static final int EXCHANGES = 300;

	private static final int MAX_CONCURRENT = 8;

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ProxyTest
	void everyClientReceivesTheResponseItsOwnRequestProduced(Gateway gateway, ServerKind server) throws Exception {
		Random random = new Random(SEED);
		ConnectionProvider connections = ConnectionProvider.create("interleaved", MAX_CONCURRENT);
		List<String> wrong = new ArrayList<>();
		try {
			HttpClient client = HttpClient.create(connections).baseUrl(gateway.uri(""));
			int sent = 0;
			while (sent < EXCHANGES) {
				int concurrent = Math.min(1 + random.nextInt(MAX_CONCURRENT), EXCHANGES - sent);
				List<Exchange> wave = new ArrayList<>(concurrent);
				for (int i = 0; i < concurrent; i++) {
					wave.add(Exchange.random(random, server.reportedName() + "-" + sent++));
				}
				List<CompletableFuture<Answer>> answers = wave.stream().map((exchange) -> exchange.send(client)).toList();
				for (int i = 0; i < concurrent; i++) {
					Answer answer = answers.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
					Exchange exchange = wave.get(i);
					if (!answer.equals(exchange.expected())) {
						wrong.add(exchange.uri() + " got " + answer);
					}
				}
			}
		}
		finally {
			connections.disposeLater().block(TIMEOUT);
		}
		assertThat(wrong).as("exchanges answered wrongly (seed %d)", SEED).isEmpty();
		assertThat(RawUpstream.get().reuseViolations()).isEmpty();
	}

	/**
	 * One request and the answer it must get.
	 *
	 * @param uri the request's path and query
	 * @param body the request body, or {@code null} for a GET
	 * @param expected what the client must receive
	 */
	private record Exchange(String uri, String body, Answer expected) {

		private static final String[] INTERIM_CODES = { "103", "103-103", "100", "102-103", "100-103" };

		static Exchange random(Random random, String token) {
			String query = "token=" + token;
			String body = random.nextBoolean() ? "payload-of-" + token : null;
			Answer ok = Answer.ok(token);
			return switch (random.nextInt(10)) {
				case 0 -> new Exchange("/raw/token?" + query, body, ok);
				case 1 -> new Exchange("/raw/token?chunked&" + query, body, ok);
				case 2, 3 -> new Exchange("/raw/interim?codes=" + INTERIM_CODES[random.nextInt(INTERIM_CODES.length)]
						+ "&delayMs=" + random.nextInt(4) + "&" + query, body, ok);
				case 4 -> new Exchange("/raw/continue?" + query, "payload-of-" + token, ok);
				case 5 -> new Exchange("/raw/close?" + query, body, ok);
				case 6 -> new Exchange("/raw/eof?" + query, body, ok);
				case 7 -> new Exchange("/raw/no-content?" + (random.nextBoolean() ? "framing=none&" : "") + query, body,
						new Answer(204, token, null, ""));
				case 8 -> new Exchange("/raw/not-modified?" + query, body, new Answer(304, token, null, ""));
				default -> new Exchange("/raw/trailing?" + query, body, ok);
			};
		}

		CompletableFuture<Answer> send(HttpClient client) {
			return (this.body != null) ? Answer.post(client, this.uri, this.body) : Answer.get(client, this.uri);
		}

	}

}
