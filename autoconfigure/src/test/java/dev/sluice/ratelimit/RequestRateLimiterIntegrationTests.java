package dev.sluice.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import reactor.core.publisher.Mono;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RedisServer;
import dev.sluice.test.ServerKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RequestRateLimiter on each server, against a real Redis started for the class: limits per route
 * and per key, burst and refill, the replenish period, the key layout Spring Cloud Gateway reads and
 * writes, a second gateway sharing the limit, the in-memory limiter and the key resolvers.
 * <p>
 * Refill is driven by moving a bucket's timestamp back in Redis, rather than by waiting: the buckets
 * here gain one token a minute, so no second passing during a test adds one.
 */
@GatewayApp(properties = {
		"spring.data.redis.host=127.0.0.1",
		"spring.data.redis.port=${test-redis.port}",
		// Lettuce connects on first use, which may take longer than the default 100ms on a busy machine.
		"sluice.rate-limiter.redis.timeout=5s",
		"sluice.routes[0].id=limited",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/limited/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].filters[1].name=RequestRateLimiter",
		"sluice.routes[0].filters[1].args.redis-rate-limiter.replenishRate=1",
		"sluice.routes[0].filters[1].args.redis-rate-limiter.burstCapacity=3",
		"sluice.routes[0].filters[1].args.redis-rate-limiter.replenishPeriod=1m",
		"sluice.routes[0].filters[1].args.key-resolver=header:X-Api-Key",
		"sluice.routes[1].id=other",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/other/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[1].filters[1].name=RequestRateLimiter",
		"sluice.routes[1].filters[1].args.redis-rate-limiter.replenishRate=1",
		"sluice.routes[1].filters[1].args.redis-rate-limiter.burstCapacity=1",
		"sluice.routes[1].filters[1].args.redis-rate-limiter.replenishPeriod=1m",
		"sluice.routes[1].filters[1].args.key-resolver=header:X-Api-Key",
		"sluice.routes[1].filters[1].args.status-code=BANDWIDTH_LIMIT_EXCEEDED",
		"sluice.routes[2].id=per-second",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/per-second/**",
		"sluice.routes[2].filters[0]=StripPrefix=1",
		"sluice.routes[2].filters[1].name=RequestRateLimiter",
		"sluice.routes[2].filters[1].args.redis-rate-limiter.replenishRate=1",
		"sluice.routes[2].filters[1].args.redis-rate-limiter.burstCapacity=60",
		"sluice.routes[2].filters[1].args.key-resolver=header:X-Api-Key",
		"sluice.routes[3].id=per-minute",
		"sluice.routes[3].uri=${upstream.uri}",
		"sluice.routes[3].predicates[0]=Path=/per-minute/**",
		"sluice.routes[3].filters[0]=StripPrefix=1",
		"sluice.routes[3].filters[1].name=RequestRateLimiter",
		"sluice.routes[3].filters[1].args.redis-rate-limiter.replenishRate=1",
		"sluice.routes[3].filters[1].args.redis-rate-limiter.burstCapacity=60",
		"sluice.routes[3].filters[1].args.redis-rate-limiter.replenishPeriod=1m",
		"sluice.routes[3].filters[1].args.key-resolver=header:X-Api-Key",
		"sluice.routes[4].id=local",
		"sluice.routes[4].uri=${upstream.uri}",
		"sluice.routes[4].predicates[0]=Path=/local/**",
		"sluice.routes[4].filters[0]=StripPrefix=1",
		"sluice.routes[4].filters[1].name=RequestRateLimiter",
		"sluice.routes[4].filters[1].args.local-rate-limiter.replenishRate=1",
		"sluice.routes[4].filters[1].args.local-rate-limiter.burstCapacity=2",
		"sluice.routes[4].filters[1].args.local-rate-limiter.replenishPeriod=1h",
		"sluice.routes[4].filters[1].args.key-resolver=header:X-Api-Key",
		"sluice.routes[5].id=bean",
		"sluice.routes[5].uri=${upstream.uri}",
		"sluice.routes[5].predicates[0]=Path=/bean/**",
		"sluice.routes[5].filters[0]=StripPrefix=1",
		"sluice.routes[5].filters[1].name=RequestRateLimiter",
		"sluice.routes[5].filters[1].args.redis-rate-limiter.replenishRate=1",
		"sluice.routes[5].filters[1].args.redis-rate-limiter.burstCapacity=1",
		"sluice.routes[5].filters[1].args.redis-rate-limiter.replenishPeriod=1m",
		"sluice.routes[5].filters[1].args.key-resolver=#{@tenantKeyResolver}",
		"sluice.routes[6].id=principal",
		"sluice.routes[6].uri=${upstream.uri}",
		"sluice.routes[6].predicates[0]=Path=/principal/**",
		"sluice.routes[6].filters[0]=StripPrefix=1",
		"sluice.routes[6].filters[1].name=RequestRateLimiter",
		"sluice.routes[6].filters[1].args.redis-rate-limiter.replenishRate=10",
		"sluice.routes[7].id=keyless",
		"sluice.routes[7].uri=${upstream.uri}",
		"sluice.routes[7].predicates[0]=Path=/keyless/**",
		"sluice.routes[7].filters[0]=StripPrefix=1",
		"sluice.routes[7].filters[1].name=RequestRateLimiter",
		"sluice.routes[7].filters[1].args.redis-rate-limiter.replenishRate=10",
		"sluice.routes[7].filters[1].args.key-resolver=header:X-Api-Key",
		"sluice.routes[7].filters[1].args.deny-empty-key=false",
		"sluice.routes[8].id=keyless-refused",
		"sluice.routes[8].uri=${upstream.uri}",
		"sluice.routes[8].predicates[0]=Path=/keyless-refused/**",
		"sluice.routes[8].filters[0]=StripPrefix=1",
		"sluice.routes[8].filters[1].name=RequestRateLimiter",
		"sluice.routes[8].filters[1].args.redis-rate-limiter.replenishRate=10",
		"sluice.routes[8].filters[1].args.key-resolver=header:X-Api-Key",
		"sluice.routes[8].filters[1].args.empty-key-status=401" },
		configurations = RequestRateLimiterIntegrationTests.KeyResolverConfiguration.class)
class RequestRateLimiterIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

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
	void letsABurstThroughThenRefusesUntilTheBucketRefills(Gateway gateway) {
		String key = newKey();
		assertThat(statuses(gateway, "/limited/bytes/16", key, 4)).containsExactly(200, 200, 200, 429);
		EntityExchangeResult<String> refused = get(gateway, "/limited/bytes/16", key);
		assertThat(refused.getStatus().value()).isEqualTo(429);
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(refused.getResponseBody()).contains("\"status\":429").contains("\"route\":\"limited\"");
		// A minute later, as far as the bucket can tell: one token more, and only one.
		rewind(gateway, "limited", key, 60);
		assertThat(statuses(gateway, "/limited/bytes/16", key, 2)).containsExactly(200, 429);
	}

	@ProxyTest
	void sendsSpringCloudGatewaysHeaders(Gateway gateway) {
		EntityExchangeResult<String> first = get(gateway, "/limited/bytes/16", newKey());
		assertThat(first.getStatus().value()).isEqualTo(200);
		assertThat(first.getResponseBody()).hasSize(16);
		assertThat(first.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("2");
		assertThat(first.getResponseHeaders().getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
		assertThat(first.getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("3");
		assertThat(first.getResponseHeaders().getFirst("X-RateLimit-Requested-Tokens")).isEqualTo("1");
	}

	@ProxyTest
	void keepsOneBucketPerRouteAndKey(Gateway gateway) {
		String key = newKey();
		String otherKey = newKey();
		assertThat(statuses(gateway, "/other/bytes/16", key, 2)).containsExactly(200, 509);
		assertThat(statuses(gateway, "/other/bytes/16", otherKey, 2)).containsExactly(200, 509);
		assertThat(statuses(gateway, "/limited/bytes/16", key, 1)).containsExactly(200);
	}

	@ProxyTest
	void refillsAtTheRateOfTheReplenishPeriod(Gateway gateway) {
		String key = newKey();
		assertThat(statuses(gateway, "/per-second/bytes/16", key, 1)).containsExactly(200);
		assertThat(statuses(gateway, "/per-minute/bytes/16", key, 1)).containsExactly(200);
		empty(gateway, "per-second", key);
		empty(gateway, "per-minute", key);
		// Thirty seconds later: one token a second gives thirty, one a minute half of one.
		rewind(gateway, "per-second", key, 30);
		rewind(gateway, "per-minute", key, 30);
		EntityExchangeResult<String> perSecond = get(gateway, "/per-second/bytes/16", key);
		assertThat(perSecond.getStatus().value()).isEqualTo(200);
		// 30 tokens and the seconds the test itself took, less the one this request took.
		assertThat(Long.parseLong(perSecond.getResponseHeaders().getFirst("X-RateLimit-Remaining"))).isBetween(29L, 35L);
		EntityExchangeResult<String> perMinute = get(gateway, "/per-minute/bytes/16", key);
		assertThat(perMinute.getStatus().value()).isEqualTo(429);
		assertThat(perMinute.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		rewind(gateway, "per-minute", key, 30);
		assertThat(statuses(gateway, "/per-minute/bytes/16", key, 2)).containsExactly(200, 429);
	}

	@ProxyTest
	void writesSpringCloudGatewaysKeysAndValues(Gateway gateway) {
		String key = newKey();
		long before = System.currentTimeMillis() / 1000;
		assertThat(statuses(gateway, "/limited/bytes/16", key, 1)).containsExactly(200);
		ReactiveStringRedisTemplate redisTemplate = gateway.bean(ReactiveStringRedisTemplate.class);
		String prefix = "request_rate_limiter.{limited." + key + "}.";
		assertThat(redisTemplate.keys("request_rate_limiter.{limited." + key + "}*").collectList().block(TIMEOUT))
			.containsExactlyInAnyOrder(prefix + "tokens", prefix + "timestamp");
		assertThat(Double.parseDouble(redisTemplate.opsForValue().get(prefix + "tokens").block(TIMEOUT))).isEqualTo(2.0);
		assertThat(Long.parseLong(redisTemplate.opsForValue().get(prefix + "timestamp").block(TIMEOUT)))
			.isBetween(before - 5, System.currentTimeMillis() / 1000 + 5);
		// Twice the time to fill the bucket (3 tokens at 1 a minute), as Spring Cloud Gateway sets.
		assertThat(redisTemplate.getExpire(prefix + "tokens").block(TIMEOUT)).isBetween(Duration.ofSeconds(300),
				Duration.ofSeconds(360));
		assertThat(redisTemplate.getExpire(prefix + "timestamp").block(TIMEOUT)).isBetween(Duration.ofSeconds(300),
				Duration.ofSeconds(360));
	}

	@ProxyTest
	void readsABucketSpringCloudGatewayWrote(Gateway gateway) {
		String key = newKey();
		String prefix = "request_rate_limiter.{limited." + key + "}.";
		ReactiveStringRedisTemplate redisTemplate = gateway.bean(ReactiveStringRedisTemplate.class);
		// What Spring Cloud Gateway's script leaves after a request took the last token: whole numbers,
		// the time in seconds of Redis's clock.
		String now = redisTemplate.execute((connection) -> connection.serverCommands().time())
			.next()
			.map((millis) -> Long.toString(millis / 1000))
			.block(TIMEOUT);
		redisTemplate.opsForValue().set(prefix + "tokens", "0", Duration.ofSeconds(6)).block(TIMEOUT);
		redisTemplate.opsForValue().set(prefix + "timestamp", now, Duration.ofSeconds(6)).block(TIMEOUT);
		assertThat(statuses(gateway, "/limited/bytes/16", key, 1)).containsExactly(429);
	}

	@ProxyTest
	void sharesOneLimitWithAnotherGatewayOnTheSameRedis(Gateway gateway, ServerKind server) {
		String key = newKey();
		GatewayApp app = getClass().getAnnotation(GatewayApp.class);
		List<String> properties = new ArrayList<>(List.of(app.properties()));
		properties.add("sluice.rate-limiter.include-headers=false");
		Gateway second = Gateway.start(server, properties.toArray(String[]::new), app.configurations());
		others.add(second);
		assertThat(statuses(gateway, "/limited/bytes/16", key, 2)).containsExactly(200, 200);
		EntityExchangeResult<String> third = get(second, "/limited/bytes/16", key);
		assertThat(third.getStatus().value()).isEqualTo(200);
		assertThat(statuses(second, "/limited/bytes/16", key, 1)).containsExactly(429);
		assertThat(statuses(gateway, "/limited/bytes/16", key, 1)).containsExactly(429);
		// The second gateway sends no rate limit headers; the first does.
		assertThat(third.getResponseHeaders().headerNames()).noneMatch((name) -> name.startsWith("X-RateLimit"));
		assertThat(get(gateway, "/limited/bytes/16", key).getResponseHeaders().getFirst("X-RateLimit-Remaining"))
			.isEqualTo("0");
	}

	@ProxyTest
	void limitsInMemoryWithTheLocalLimiter(Gateway gateway) {
		String key = newKey();
		long keysInRedis = redisKeys(gateway);
		assertThat(statuses(gateway, "/local/bytes/16", key, 3)).containsExactly(200, 200, 429);
		assertThat(statuses(gateway, "/local/bytes/16", newKey(), 1)).containsExactly(200);
		EntityExchangeResult<String> refused = get(gateway, "/local/bytes/16", key);
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("2");
		assertThat(redisKeys(gateway)).isEqualTo(keysInRedis);
		assertThat(gateway.bean(LocalRateLimiter.class).size()).isGreaterThanOrEqualTo(2);
	}

	@ProxyTest
	void resolvesKeysWithABeanNamedInTheRoute(Gateway gateway) {
		String tenant = newKey();
		EntityExchangeResult<String> first = gateway.webTestClient().get().uri("/bean/bytes/16")
			.header("X-Tenant", tenant).exchange().expectBody(String.class).returnResult();
		assertThat(first.getStatus().value()).isEqualTo(200);
		assertThat(gateway.webTestClient().get().uri("/bean/bytes/16").header("X-Tenant", tenant).exchange()
			.expectBody(String.class).returnResult().getStatus().value()).isEqualTo(429);
		assertThat(gateway.bean(ReactiveStringRedisTemplate.class)
			.hasKey("request_rate_limiter.{bean.tenant-" + tenant + "}.tokens").block(TIMEOUT)).isTrue();
	}

	@ProxyTest
	void refusesARequestWithoutKeyAsSpringCloudGatewayDoes(Gateway gateway) {
		// No authenticated principal: the default resolver finds no key, and an empty key is refused.
		EntityExchangeResult<String> refused = get(gateway, "/principal/bytes/16", null);
		assertThat(refused.getStatus().value()).isEqualTo(403);
		assertThat(refused.getResponseHeaders().headerNames()).noneMatch((name) -> name.startsWith("X-RateLimit"));
		assertThat(get(gateway, "/keyless-refused/bytes/16", null).getStatus().value()).isEqualTo(401);
		EntityExchangeResult<String> passed = get(gateway, "/keyless/bytes/16", null);
		assertThat(passed.getStatus().value()).isEqualTo(200);
		assertThat(passed.getResponseBody()).hasSize(16);
	}

	@ProxyTest
	void countsAllowedAndDeniedRequestsPerRoute(Gateway gateway) {
		double allowed = count(gateway, "other", "allowed");
		double denied = count(gateway, "other", "denied");
		assertThat(statuses(gateway, "/other/bytes/16", newKey(), 3)).containsExactly(200, 509, 509);
		assertThat(count(gateway, "other", "allowed")).isEqualTo(allowed + 1);
		assertThat(count(gateway, "other", "denied")).isEqualTo(denied + 2);
		assertThat(count(gateway, "other", "error")).isZero();
	}

	static double count(Gateway gateway, String route, String result) {
		return gateway.bean(MeterRegistry.class).find(RateLimiterMeters.REQUESTS).tag("route", route)
			.tag("result", result).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	private static long redisKeys(Gateway gateway) {
		return gateway.bean(ReactiveStringRedisTemplate.class).keys("*").count().block(TIMEOUT);
	}

	/**
	 * Moves a bucket's last refill back, as if the time had passed.
	 */
	private static void rewind(Gateway gateway, String route, String key, long seconds) {
		String timestamp = RedisRateLimiter.keys(route, key).get(1);
		assertThat(gateway.bean(ReactiveStringRedisTemplate.class).opsForValue().decrement(timestamp, seconds)
			.block(TIMEOUT)).isPositive();
	}

	/**
	 * Takes every token from a bucket, keeping the time of its last refill.
	 */
	private static void empty(Gateway gateway, String route, String key) {
		String tokens = RedisRateLimiter.keys(route, key).get(0);
		assertThat(gateway.bean(ReactiveStringRedisTemplate.class).opsForValue().set(tokens, "0").block(TIMEOUT))
			.isTrue();
	}

	private static String newKey() {
		return "k" + UUID.randomUUID().toString().substring(0, 8);
	}

	static List<Integer> statuses(Gateway gateway, String path, String key, int count) {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			statuses.add(get(gateway, path, key).getStatus().value());
		}
		return statuses;
	}

	static EntityExchangeResult<String> get(Gateway gateway, String path, String key) {
		return gateway.webTestClient().get().uri(path)
			.headers((headers) -> {
				if (key != null) {
					headers.set("X-Api-Key", key);
				}
			})
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	@Configuration(proxyBeanMethods = false)
	static class KeyResolverConfiguration {

		@Bean
		KeyResolver tenantKeyResolver() {
			return (exchange) -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst("X-Tenant"))
				.map((tenant) -> "tenant-" + tenant);
		}

	}

}
