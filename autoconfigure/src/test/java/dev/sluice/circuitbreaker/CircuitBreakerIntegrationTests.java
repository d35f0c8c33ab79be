package dev.sluice.circuitbreaker;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.InstanceUpstream;
import dev.sluice.test.ProxyTest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The CircuitBreaker filter with Resilience4j through a real gateway on each server, at paranoid
 * leak detection: a circuit that opens on failures and answers with a {@code forward:} fallback, then
 * closes when the upstream recovers; an open circuit without a fallback; a time limiter that cuts a
 * slow body off; a {@code forward:} route.
 */
@GatewayApp(configurations = CircuitBreakerIntegrationTests.Fallback.class, properties = {
		"resilience4j.circuitbreaker.instances.flaky.sliding-window-type=COUNT_BASED",
		"resilience4j.circuitbreaker.instances.flaky.sliding-window-size=4",
		"resilience4j.circuitbreaker.instances.flaky.minimum-number-of-calls=4",
		"resilience4j.circuitbreaker.instances.flaky.failure-rate-threshold=50",
		"resilience4j.circuitbreaker.instances.flaky.wait-duration-in-open-state=500ms",
		"resilience4j.circuitbreaker.instances.flaky.permitted-number-of-calls-in-half-open-state=2",
		"resilience4j.circuitbreaker.instances.down.sliding-window-size=2",
		"resilience4j.circuitbreaker.instances.down.minimum-number-of-calls=2",
		"resilience4j.circuitbreaker.instances.down.wait-duration-in-open-state=10m",
		"resilience4j.timelimiter.instances.slow.timeout-duration=500ms",
		"sluice.routes[0].id=flaky",
		"sluice.routes[0].uri=${cb.flaky}",
		"sluice.routes[0].predicates[0]=Path=/flaky/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].filters[1].name=CircuitBreaker",
		"sluice.routes[0].filters[1].args.name=flaky",
		"sluice.routes[0].filters[1].args.fallbackUri=forward:/fallback",
		"sluice.routes[0].filters[1].args.statusCodes=500,BAD_GATEWAY",
		"sluice.routes[1].id=down",
		"sluice.routes[1].uri=http://127.0.0.1:1",
		"sluice.routes[1].predicates[0]=Path=/down/**",
		"sluice.routes[1].filters[0]=CircuitBreaker=down",
		"sluice.routes[2].id=slow",
		"sluice.routes[2].uri=${cb.slow}",
		"sluice.routes[2].predicates[0]=Path=/slow/**",
		"sluice.routes[2].filters[0]=StripPrefix=1",
		"sluice.routes[2].filters[1]=CircuitBreaker=slow",
		"sluice.routes[3].id=local",
		"sluice.routes[3].uri=forward:/fallback",
		"sluice.routes[3].predicates[0]=Path=/local/**",
		"sluice.routes[4].id=refused",
		"sluice.routes[4].uri=http://127.0.0.1:1",
		"sluice.routes[4].predicates[0]=Path=/refused/**",
		"sluice.routes[4].filters[0].name=CircuitBreaker",
		"sluice.routes[4].filters[0].args.name=refused",
		"sluice.routes[4].filters[0].args.fallbackUri=forward:/fallback-service/who",
		"sluice.routes[5].id=fallback-service",
		"sluice.routes[5].uri=${cb.fallback-service}",
		"sluice.routes[5].predicates[0]=Path=/fallback-service/**",
		"sluice.routes[5].filters[0]=StripPrefix=1",
		"sluice.routes[5].filters[1].name=FallbackHeaders" })
class CircuitBreakerIntegrationTests {

	private static final InstanceUpstream FLAKY = upstream("flaky");

	private static final InstanceUpstream SLOW = upstream("slow");

	private static final InstanceUpstream FALLBACK_SERVICE = upstream("fallback-service");

	private static InstanceUpstream upstream(String name) {
		InstanceUpstream upstream = InstanceUpstream.start(name);
		System.setProperty("cb." + name, upstream.uri());
		return upstream;
	}

	@ProxyTest
	void opensAfterFailuresAnswersTheFallbackAndClosesWhenTheUpstreamRecovers(Gateway gateway) {
		CircuitBreaker breaker = gateway.bean(CircuitBreakerRegistry.class).circuitBreaker("flaky");
		FLAKY.answer(500);
		try {
			int hits = FLAKY.hits();
			for (int i = 0; i < 4; i++) {
				assertThat(gateway.get("/flaky/who", 200)).isEqualTo("fallback");
			}
			assertThat(FLAKY.hits()).isEqualTo(hits + 4);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThat(gateway.get("/flaky/who", 200)).isEqualTo("fallback");
			assertThat(FLAKY.hits()).as("calls through an open circuit").isEqualTo(hits + 4);
			FLAKY.answer(200);
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			String answer = "fallback";
			while (answer.equals("fallback") && System.nanoTime() < deadline) {
				answer = gateway.get("/flaky/who", 200);
			}
			assertThat(answer).isEqualTo("flaky");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
			assertThat(gateway.get("/flaky/who", 200)).isEqualTo("flaky");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		}
		finally {
			FLAKY.answer(200);
		}
	}

	@ProxyTest
	void answers503WithoutAFallbackOnceTheCircuitIsOpen(Gateway gateway) {
		for (int i = 0; i < 2; i++) {
			gateway.webTestClient().get().uri("/down/x").exchange().expectStatus().isEqualTo(502).expectBody().returnResult();
		}
		gateway.webTestClient()
			.get()
			.uri("/down/x")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.route").isEqualTo("down")
			.jsonPath("$.message").isEqualTo("Circuit breaker 'down' is open");
	}

	@ProxyTest
	void cutsOffABodyStillStreamingAtTheTimeLimit(Gateway gateway) {
		int hits = SLOW.hits();
		assertThatException().isThrownBy(() -> gateway.httpClient()
			.get()
			.uri("/slow/slow/30")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10))).withMessageContaining("prematurely closed DURING response");
		assertThat(SLOW.hits()).isEqualTo(hits + 1);
	}

	@ProxyTest
	void forwardsARouteToAHandlerOfTheApplication(Gateway gateway) {
		assertThat(gateway.get("/local/anything?x=1", 200)).isEqualTo("fallback");
	}

	@ProxyTest
	void forwardsAFailureToAFallbackRouteThatDescribesIt(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/refused/x")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Instance", "fallback-service")
			.expectHeader()
			.valueEquals("X-Seen-Execution-Exception-Type", "dev.sluice.proxy.UpstreamFailure")
			.expectHeader()
			.valueEquals("X-Seen-Execution-Exception-Message", "Upstream is unreachable")
			.expectHeader()
			.value("X-Seen-Root-Cause-Exception-Type", (type) -> assertThat(type).endsWith("ConnectException"))
			.expectBody(String.class)
			.isEqualTo("fallback-service");
	}

	@Configuration(proxyBeanMethods = false)
	static class Fallback {

		@Bean
		RouterFunction<ServerResponse> fallbackRoute() {
			return RouterFunctions.route(RequestPredicates.path("/fallback"),
					(request) -> ServerResponse.ok().header("X-Fallback", "yes").bodyValue("fallback"));
		}

	}

}
