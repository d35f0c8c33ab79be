package dev.sluice.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * An upstream response whose framing the gateway cannot account for (a body on a 204 or 304, bytes
 * after a complete response, a response nobody asked for) closes its connection instead of
 * returning it to the pool, so the next request never reads another response's leftovers.
 */
@GatewayApp(properties = { "sluice.routes[0].id=raw", "sluice.routes[0].uri=${raw-upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/raw/**" })
class UpstreamFramingIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@ProxyTest
	void closesTheConnectionOfANoContentOrNotModifiedResponseThatCarriesABody(Gateway gateway, ServerKind server)
			throws Exception {
		List<String> answers = List.of("no-content", "no-content?framing=none", "not-modified");
		List<Integer> statuses = List.of(204, 204, 304);
		for (int i = 0; i < answers.size(); i++) {
			String answer = answers.get(i);
			String token = "bodied-" + server.reportedName() + "-" + i;
			String uri = "/raw/" + answer + (answer.contains("?") ? "&" : "?") + "token=" + token;
			Answer bodied = new Answer(statuses.get(i), token, null, "");
			assertUnusableAfter(gateway, uri, token, bodied);
		}
	}

	@ProxyTest
	void closesTheConnectionWhenBytesFollowACompleteResponse(Gateway gateway, ServerKind server) throws Exception {
		String token = "trailing-" + server.reportedName();
		assertUnusableAfter(gateway, "/raw/trailing?token=" + token, token, Answer.ok(token));
		// The head in two reads: the decoder holds the first part and copies the second behind it,
		// so the read's own buffer no longer shows what follows the response.
		String split = "trailing-split-" + server.reportedName();
		assertUnusableAfter(gateway, "/raw/trailing?split&token=" + split, split, Answer.ok(split));
	}

	@ProxyTest
	void answersAProtocolSwitchNobodyAskedForWithBadGatewayAndClosesItsConnection(Gateway gateway,
			ServerKind server) throws Exception {
		String token = "switch-" + server.reportedName();
		ConnectionProvider oneConnection = ConnectionProvider.create("switch", 1);
		try {
			HttpClient client = HttpClient.create(oneConnection).baseUrl(gateway.uri(""));
			Answer answer = Answer.get(client, "/raw/switch?token=" + token).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(answer.status()).isEqualTo(502);
			assertThat(answer.body()).contains("\"route\":\"raw\"");
			String next = "after-" + token;
			assertThat(Answer.get(client, "/raw/token?token=" + next).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isEqualTo(Answer.ok(next));
		}
		finally {
			oneConnection.disposeLater().block(TIMEOUT);
		}
		assertThat(RawUpstream.get().awaitClosedAfter(token, TIMEOUT)).as("connection closed by the gateway").isTrue();
		assertThat(RawUpstream.get().reuseViolations()).isEmpty();
	}

	@ProxyTest
	void keepsConnectionsWhoseResponsesAreFullyAccountedForInThePool(Gateway gateway, ServerKind server)
			throws Exception {
		RawUpstream upstream = RawUpstream.get();
		List<String> answers = List.of("token", "token?chunked", "interim?codes=103", "interim?codes=100-102-103",
				"no-content?framing=empty", "not-modified?framing=empty", "continue");
		List<Integer> statuses = List.of(200, 200, 200, 200, 204, 304, 200);
		List<String> tokens = new ArrayList<>();
		ConnectionProvider oneConnection = ConnectionProvider.create("accounted", 1);
		try {
			HttpClient client = HttpClient.create(oneConnection).baseUrl(gateway.uri(""));
			for (int round = 0; round < 2; round++) {
				for (int i = 0; i < answers.size(); i++) {
					String answer = answers.get(i);
					String token = "accounted-" + server.reportedName() + "-" + round + "-" + i;
					tokens.add(token);
					String uri = "/raw/" + answer + (answer.contains("?") ? "&" : "?") + "token=" + token;
					int status = statuses.get(i);
					assertThat(Answer.get(client, uri).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(uri)
						.isEqualTo(new Answer(status, token, null, (status == 200) ? token : ""));
				}
			}
		}
		finally {
			oneConnection.disposeLater().block(TIMEOUT);
		}
		// Every exchange but the last has long ended: had any closed its connection, it would show.
		assertThat(tokens.subList(0, tokens.size() - 1)).allMatch(upstream::isOpenAfter);
		assertThat(upstream.reuseViolations()).isEmpty();
	}

	@ProxyTest
	void closesAnIdleConnectionOnWhichTheUpstreamSendsAResponseNobodyAskedFor(Gateway gateway, ServerKind server)
			throws Exception {
		RawUpstream upstream = RawUpstream.get();
		String token = "then-stray-" + server.reportedName();
		ConnectionProvider oneConnection = ConnectionProvider.create("stray", 1);
		try {
			HttpClient client = HttpClient.create(oneConnection).baseUrl(gateway.uri(""));
			assertThat(Answer.get(client, "/raw/then-stray?token=" + token).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isEqualTo(Answer.ok(token));
			// The answer is complete and its connection idle in the pool: now the stray response.
			upstream.release(token);
			assertThat(upstream.awaitClosedAfter(token, TIMEOUT)).as("connection closed by the gateway").isTrue();
			for (int i = 0; i < 3; i++) {
				String next = "after-stray-" + server.reportedName() + "-" + i;
				assertThat(Answer.get(client, "/raw/token?token=" + next).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
					.isEqualTo(Answer.ok(next));
			}
		}
		finally {
			upstream.release(token);
			oneConnection.disposeLater().block(TIMEOUT);
		}
		assertThat(upstream.reuseViolations()).isEmpty();
	}

	private static void assertUnusableAfter(Gateway gateway, String uri, String token, Answer expected)
			throws Exception {
		RawUpstream upstream = RawUpstream.get();
		// One connection to the gateway, so on Reactor Netty every request arrives on the same event
		// loop and goes upstream from the same pool: the next request would get the connection back.
		ConnectionProvider oneConnection = ConnectionProvider.create("framing", 1);
		try {
			HttpClient client = HttpClient.create(oneConnection).baseUrl(gateway.uri(""));
			assertThat(Answer.get(client, uri).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(uri).isEqualTo(expected);
			for (int i = 0; i < 3; i++) {
				String next = "after-" + token + "-" + i;
				assertThat(Answer.get(client, "/raw/token?token=" + next).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
					.as("request after " + uri)
					.isEqualTo(Answer.ok(next));
			}
		}
		finally {
			oneConnection.disposeLater().block(TIMEOUT);
		}
		assertThat(upstream.awaitClosedAfter(token, TIMEOUT)).as("connection of " + uri + " closed by the gateway")
			.isTrue();
		assertThat(upstream.reuseViolations()).isEmpty();
	}

}
