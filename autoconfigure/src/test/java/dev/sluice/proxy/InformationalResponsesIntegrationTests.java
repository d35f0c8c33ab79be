package dev.sluice.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * An upstream's informational ({@code 1xx}) responses before its final one: the exchange waits for
 * the final response on the same connection, and no other client ever receives it.
 */
@GatewayApp(properties = { "sluice.routes[0].id=raw", "sluice.routes[0].uri=${raw-upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/raw/**" })
class InformationalResponsesIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int HINTED = 4;

	private static final int ORDINARY = 16;

	@ProxyTest
	void givesTheFinalResponseAfterEarlyHintsToItsOwnClientWhileOthersUseTheRoute(Gateway gateway,
			ServerKind server) throws Exception {
		RawUpstream upstream = RawUpstream.get();
		List<String> hintedTokens = new ArrayList<>();
		List<CompletableFuture<Answer>> hinted = new ArrayList<>();
		for (int i = 0; i < HINTED; i++) {
			String token = "hinted-" + server.reportedName() + "-" + i;
			hintedTokens.add(token);
			hinted.add(Answer.get(gateway.httpClient(), "/raw/interim?hold&token=" + token));
			assertThat(upstream.awaitInterimSent(token, TIMEOUT)).as("103 sent for " + token).isTrue();
		}
		try {
			List<String> ordinaryTokens = new ArrayList<>();
			List<CompletableFuture<Answer>> ordinary = new ArrayList<>();
			for (int i = 0; i < ORDINARY; i++) {
				String token = "ordinary-" + server.reportedName() + "-" + i;
				ordinaryTokens.add(token);
				ordinary.add(Answer.get(gateway.httpClient(), "/raw/token?token=" + token));
			}
			for (int i = 0; i < ORDINARY; i++) {
				assertThat(ordinary.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
					.isEqualTo(Answer.ok(ordinaryTokens.get(i)));
			}
			assertThat(hinted).as("clients whose final response is still held upstream")
				.noneMatch(CompletableFuture::isDone);
		}
		finally {
			hintedTokens.forEach(upstream::release);
		}
		for (int i = 0; i < HINTED; i++) {
			assertThat(hinted.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isEqualTo(Answer.ok(hintedTokens.get(i)));
		}
	}

	@ProxyTest
	void waitsForTheFinalResponseAfterAnyNumberOfInformationalOnes(Gateway gateway, ServerKind server)
			throws Exception {
		// One connection to the gateway, so every request goes upstream from the same pool and the
		// upstream connection is reused from one exchange to the next.
		ConnectionProvider oneConnection = ConnectionProvider.create("informational", 1);
		try {
			HttpClient client = HttpClient.create(oneConnection).baseUrl(gateway.uri(""));
			List<String> codes = List.of("102", "103-103", "100-102-103", "103", "199");
			for (int i = 0; i < codes.size(); i++) {
				String token = "interim-" + server.reportedName() + "-" + i;
				Answer answer = Answer.get(client, "/raw/interim?codes=" + codes.get(i) + "&token=" + token)
					.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(answer).as(codes.get(i)).isEqualTo(Answer.ok(token));
				String next = "after-interim-" + server.reportedName() + "-" + i;
				assertThat(Answer.get(client, "/raw/token?token=" + next).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
					.isEqualTo(Answer.ok(next));
			}
		}
		finally {
			oneConnection.disposeLater().block(TIMEOUT);
		}
	}

}
