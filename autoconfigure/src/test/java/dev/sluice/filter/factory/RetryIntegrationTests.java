package dev.sluice.filter.factory;

import java.time.Duration;
import java.util.UUID;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries through a real gateway on each server, at paranoid leak detection: every abandoned
 * attempt's body must be released, whatever the outcome.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=retried",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/retry/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].filters[1]=Retry=3,SERVICE_UNAVAILABLE,GET,5ms,20ms,2,false",
		"sluice.routes[1].id=retried-anything",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/any/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[1].filters[1].name=Retry",
		"sluice.routes[1].filters[1].args.retries=2",
		"sluice.routes[1].filters[1].args.methods=GET,POST,DELETE",
		"sluice.routes[1].filters[1].args.series=SERVER_ERROR",
		"sluice.routes[2].id=down",
		"sluice.routes[2].uri=http://127.0.0.1:1",
		"sluice.routes[2].predicates[0]=Path=/down/**",
		"sluice.routes[2].filters[0]=Retry=2",
		"sluice.routes[3].id=slow",
		"sluice.routes[3].uri=${upstream.uri}",
		"sluice.routes[3].predicates[0]=Path=/slow/**",
		"sluice.routes[3].filters[0]=StripPrefix=1",
		"sluice.routes[3].filters[1]=Retry=1",
		"sluice.routes[3].metadata.response-timeout=200ms" })
class RetryIntegrationTests {

	@ProxyTest
	void retriesAnIdempotentRequestUntilTheUpstreamRecovers(Gateway gateway) {
		String key = UUID.randomUUID().toString();
		gateway.webTestClient()
			.get()
			.uri("/retry/flaky/" + key + "?failures=2&status=503")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Attempt", "3")
			.expectBody()
			.consumeWith((body) -> assertThat(body.getResponseBody()).hasSize(32));
		assertThat(TestUpstream.get().flakyHits(key)).isEqualTo(3);
	}

	@ProxyTest
	void deliversTheLastAnswerWhenRetriesRunOut(Gateway gateway) {
		String key = UUID.randomUUID().toString();
		gateway.webTestClient()
			.get()
			.uri("/retry/flaky/" + key + "?failures=10&status=503")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("X-Attempt", "4")
			.expectBody()
			.consumeWith((body) -> assertThat(body.getResponseBody()).hasSize(4 * TestUpstream.CHUNK));
		assertThat(TestUpstream.get().flakyHits(key)).isEqualTo(4);
	}

	@ProxyTest
	void doesNotRetryStatusesOutsideItsStatusesAndSeries(Gateway gateway) {
		String key = UUID.randomUUID().toString();
		gateway.webTestClient()
			.get()
			.uri("/retry/flaky/" + key + "?failures=1&status=429")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectBody()
			.consumeWith((body) -> assertThat(body.getResponseBody()).hasSize(4 * TestUpstream.CHUNK));
		assertThat(TestUpstream.get().flakyHits(key)).isEqualTo(1);
	}

	@ProxyTest
	void doesNotRetryMethodsThatAreNotIdempotentByDefault(Gateway gateway) {
		String key = UUID.randomUUID().toString();
		gateway.webTestClient()
			.post()
			.uri("/retry/flaky/" + key + "?failures=1&status=503")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.consumeWith((body) -> assertThat(body.getResponseBody()).hasSize(4 * TestUpstream.CHUNK));
		assertThat(TestUpstream.get().flakyHits(key)).isEqualTo(1);
	}

	@ProxyTest
	void retriesConfiguredMethodsOnlyWhenTheRequestHasNoBody(Gateway gateway) {
		String empty = UUID.randomUUID().toString();
		gateway.webTestClient()
			.delete()
			.uri("/any/flaky/" + empty + "?failures=1&status=502")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.consumeWith((body) -> assertThat(body.getResponseBody()).hasSize(32));
		assertThat(TestUpstream.get().flakyHits(empty)).isEqualTo(2);
		String withBody = UUID.randomUUID().toString();
		gateway.webTestClient()
			.post()
			.uri("/any/flaky/" + withBody + "?failures=1&status=502")
			.bodyValue("a body that cannot be replayed")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.consumeWith((body) -> assertThat(body.getResponseBody()).hasSize(4 * TestUpstream.CHUNK));
		assertThat(TestUpstream.get().flakyHits(withBody)).isEqualTo(1);
	}

	@ProxyTest
	void retriesConnectionFailuresAndThenAnswers502(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/down/anything")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.route")
			.isEqualTo("down");
	}

	@ProxyTest
	void retriesTimeoutsAndThenAnswers504(Gateway gateway) {
		long started = System.nanoTime();
		gateway.webTestClient()
			.get()
			.uri("/slow/delay/2000")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(504);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

}
