package dev.sluice.proxy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * What a client of the gateway received for a {@link dev.sluice.test.RawUpstream} answer, whose
 * {@code X-Token} header and body carry the token of the request that produced it.
 *
 * @param status the status
 * @param token the {@code X-Token} header
 * @param link the {@code Link} header, which only an early hint carries
 * @param body the body
 */
record Answer(int status, String token, String link, String body) {

	private static final Duration LIMIT = Duration.ofSeconds(60);

	static Answer ok(String token) {
		return new Answer(200, token, null, token);
	}

	static CompletableFuture<Answer> get(HttpClient client, String uri) {
		return client.get()
			.uri(uri)
			.responseSingle((response, body) -> read(response, body.asString()))
			.timeout(LIMIT, Mono.just(new Answer(0, null, null, "no answer")))
			.toFuture();
	}

	static CompletableFuture<Answer> post(HttpClient client, String uri, String body) {
		return client.post()
			.uri(uri)
			.send((request, outbound) -> outbound.sendString(Mono.just(body)))
			.responseSingle((response, content) -> read(response, content.asString()))
			.timeout(LIMIT, Mono.just(new Answer(0, null, null, "no answer")))
			.toFuture();
	}

	private static Mono<Answer> read(HttpClientResponse response, Mono<String> body) {
		return body.defaultIfEmpty("")
			.map((text) -> new Answer(response.status().code(), response.responseHeaders().get("X-Token"),
					response.responseHeaders().get("Link"), text));
	}

}
