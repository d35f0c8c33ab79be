package dev.sluice.ratelimit;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Token buckets in Redis, shared by every replica that uses the same Redis: one Lua script takes
 * the tokens atomically, on Redis's own clock, under Spring Cloud Gateway's keys
 * ({@code request_rate_limiter.{<route>.<key>}.tokens} and {@code .timestamp}, hash-tagged so that
 * both live on one Redis Cluster node). Every request waits for Redis's answer no longer than a
 * timeout: a slow or unreachable Redis ends in a {@link java.util.concurrent.TimeoutException} after it,
 * never later.
 */
public final class RedisRateLimiter implements RateLimiter {

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript
		.of(new ClassPathResource("dev/sluice/ratelimit/request_rate_limiter.lua"), List.class);

	private static final Log logger = LogFactory.getLog(RedisRateLimiter.class);

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeout;

	private final AtomicBoolean connecting = new AtomicBoolean();

	/**
	 * Creates buckets in a Redis.
	 * @param redis the template of the Redis to use
	 * @param timeout how long one call may take
	 */
	public RedisRateLimiter(ReactiveStringRedisTemplate redis, Duration timeout) {
		this.redis = redis;
		this.timeout = timeout;
	}

	/**
	 * Returns the keys of a bucket, Spring Cloud Gateway's: the tokens left and the time they were
	 * counted, in seconds.
	 * @param routeId the route
	 * @param key the key requests are counted under
	 * @return the tokens key and the timestamp key
	 */
	public static List<String> keys(String routeId, String key) {
		String prefix = "request_rate_limiter.{" + routeId + "." + key + "}.";
		return List.of(prefix + "tokens", prefix + "timestamp");
	}

	/**
	 * Connects to Redis and loads the script, in the background: the first requests then find the
	 * connection made rather than wait for it past the timeout. A Redis that is not there delays
	 * nothing; Lettuce connects on first use instead. Only the first call does anything.
	 */
	@Override
	public void prepare() {
		if (!this.connecting.compareAndSet(false, true)) {
			return;
		}
		ByteBuffer script = ByteBuffer.wrap(SCRIPT.getScriptAsString().getBytes(StandardCharsets.UTF_8));
		this.redis.execute((connection) -> connection.scriptingCommands().scriptLoad(script))
			.subscribeOn(Schedulers.boundedElastic())
			.subscribe((sha) -> logger.debug("Rate limiter script loaded into Redis as " + sha),
					(ex) -> logger.info("Redis not reachable at startup; the rate limiter connects on first use: " + ex));
	}

	@Override
	public Mono<Decision> tryConsume(String routeId, String key, Limit limit) {
		List<String> args = List.of(Long.toString(limit.replenishRate()), Long.toString(limit.burstCapacity()),
				BigDecimal.valueOf(limit.replenishPeriod().toMillis(), 3).toPlainString(),
				Long.toString(limit.requestedTokens()));
		Mono<Decision> call = this.redis.execute(SCRIPT, keys(routeId, key), args)
			.next()
			.map((result) -> new Decision(result.get(0) == 1L, result.get(1)))
			// Taking a connection blocks while Lettuce first connects; never on a server's thread.
			.subscribeOn(Schedulers.boundedElastic());
		// The request waits for the answer, not for the call: at the timeout it goes on while the call
		// ends on its own (bounded by spring.data.redis.timeout), so that nothing a stalled Redis or a
		// connection attempt does on cancel can hold the request or the timer's thread.
		return Mono.<Decision>create((sink) -> {
			AtomicBoolean abandoned = new AtomicBoolean();
			sink.onCancel(() -> abandoned.set(true));
			call.subscribe(sink::success, (ex) -> {
				if (!abandoned.get()) {
					sink.error(ex);
				}
			}, sink::success);
		}).timeout(this.timeout);
	}

}
