package dev.sluice.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RedisServer;
import dev.sluice.test.ServerKind;

import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RequestRateLimiter when its Redis hangs or goes away, on each server: a gateway that fails open
 * lets requests through (reported as {@code X-RateLimit-Remaining: -1}), one that fails closed
 * answers 503, and neither holds a request much longer than the Redis timeout (100 ms by default;
 * the bound asserted is a loose second, to tell "the timeout" from "Lettuce's own 60 s").
 */
@GatewayApp(properties = {
		"spring.data.redis.host=127.0.0.1",
		"spring.data.redis.port=${test-redis.port}",
		"sluice.routes[0].id=limited",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/limited/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].filters[1].name=RequestRateLimiter",
		"sluice.routes[0].filters[1].args.redis-rate-limiter.replenishRate=1000",
		"sluice.routes[0].filters[1].args.key-resolver=header:X-Api-Key" })
class RateLimiterRedisOutageIntegrationTests {

	private static final Duration BOUND = Duration.ofSeconds(1);

	private static RedisServer redis;

	// Closed with the class: closing a Reactor Netty application disposes the global loops that the
	// class's own gateway serves on.
	private static final List<Gateway> others = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start().publish();
	}

	@AfterAll
	static void stopRedis() {
		others.forEach(Gateway::close);
		redis.close();
	}

	@ProxyTest
	void failsOpenOrClosedWithinTheTimeoutWhenRedisHangsOrStops(Gateway open, ServerKind server) {
		GatewayApp app = getClass().getAnnotation(GatewayApp.class);
		List<String> properties = new ArrayList<>(List.of(app.properties()));
		properties.add("sluice.rate-limiter.redis.fail-open=false");
		Gateway closed = Gateway.start(server, properties.toArray(String[]::new));
		others.add(closed);
		awaitRedisAnswers(open, closed);
		double errors = RequestRateLimiterIntegrationTests.count(open, "limited", "error");
		redis.freeze();
		try {
			assertOutage(open, closed);
		}
		finally {
			redis.thaw();
		}
		awaitRedisAnswers(open, closed);
		redis.close();
		try {
			assertOutage(open, closed);
			assertThat(RequestRateLimiterIntegrationTests.count(open, "limited", "error")).isGreaterThanOrEqualTo(errors + 4);
			assertThat(RequestRateLimiterIntegrationTests.count(closed, "limited", "error")).isGreaterThanOrEqualTo(4);
		}
		finally {
			redis = redis.restart().publish();
		}
		awaitRedisAnswers(open, closed);
	}

	private static void assertOutage(Gateway open, Gateway closed) {
		for (int i = 0; i < 2; i++) {
			timed(open, (passed) -> {
				assertThat(passed.getStatus().value()).isEqualTo(200);
				assertThat(passed.getResponseBody()).hasSize(16);
				assertThat(passed.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("-1");
			});
			timed(closed, (refused) -> {
				assertThat(refused.getStatus().value()).isEqualTo(503);
				assertThat(refused.getResponseBody()).contains("\"status\":503").contains("\"route\":\"limited\"");
				assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("-1");
			});
		}
	}

	private static void timed(Gateway gateway, Consumer<EntityExchangeResult<String>> assertions) {
		long start = System.nanoTime();
		EntityExchangeResult<String> result = RequestRateLimiterIntegrationTests.get(gateway, "/limited/bytes/16", "k");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertions.accept(result);
		assertThat(took).isLessThan(BOUND);
	}

	/**
	 * Waits until both gateways get answers from Redis again: Lettuce connects on first use and
	 * reconnects on its own after an outage.
	 */
	private static void awaitRedisAnswers(Gateway... gateways) {
		for (Gateway gateway : gateways) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				EntityExchangeResult<String> result = RequestRateLimiterIntegrationTests.get(gateway, "/limited/bytes/16", "k");
				assertThat(result.getStatus().value()).isEqualTo(200);
				assertThat(result.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isNotEqualTo("-1");
			});
		}
	}

}
