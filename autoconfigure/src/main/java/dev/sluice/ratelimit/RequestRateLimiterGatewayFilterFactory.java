package dev.sluice.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.forwarded.TrustedProxies;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.StringUtils;

/**
 * Limits the rate of a route's requests per key with a token bucket, with Spring Cloud Gateway's
 * arguments: {@code redis-rate-limiter.replenishRate}, {@code .burstCapacity} and
 * {@code .requestedTokens} for a bucket in Redis that every replica shares (plus
 * {@code .replenishPeriod}, one second by default, for rates per minute or hour), or the same under
 * {@code local-rate-limiter} for a bucket in this replica's memory; {@code key-resolver} (a bean,
 * {@code "#{@beanName}"}, or {@code principal}, {@code client-address}, {@code header:<Name>}),
 * {@code deny-empty-key}, {@code empty-key-status} and {@code status-code}.
 */
public class RequestRateLimiterGatewayFilterFactory
		implements GatewayFilterFactory<RequestRateLimiterGatewayFilterFactory.Config> {

	// Spring Cloud Gateway's bean reference; nothing else in the value is ever evaluated.
	private static final Pattern BEAN_REFERENCE = Pattern.compile("#\\{@([A-Za-z_$][\\w$.-]*)}");

	private static final String HEADER_PREFIX = "header:";

	// Lua numbers are doubles: larger capacities would lose tokens in Redis (as Spring Cloud Gateway checks).
	private static final long MAX_CAPACITY = (1L << 53) - 1;

	private final @Nullable RateLimiter redis;

	private final @Nullable RateLimiter local;

	private final Supplier<Map<String, KeyResolver>> keyResolverBeans;

	private final TrustedProxies trustedProxies;

	private final Defaults defaults;

	private final RateLimitListener listener;

	/**
	 * Creates the factory.
	 * @param redis the buckets in Redis, or {@code null} without Spring Data Redis
	 * @param local the buckets in memory, or {@code null} without Bucket4j and Caffeine
	 * @param keyResolverBeans the {@link KeyResolver} beans by name
	 * @param trustedProxies the proxies whose {@code X-Forwarded-For} the {@code client-address}
	 * resolver believes
	 * @param defaults what applies to every route
	 * @param listener told of every decision
	 */
	public RequestRateLimiterGatewayFilterFactory(@Nullable RateLimiter redis, @Nullable RateLimiter local,
			Supplier<Map<String, KeyResolver>> keyResolverBeans, TrustedProxies trustedProxies, Defaults defaults,
			RateLimitListener listener) {
		this.redis = redis;
		this.local = local;
		this.keyResolverBeans = keyResolverBeans;
		this.trustedProxies = trustedProxies;
		this.defaults = defaults;
		this.listener = listener;
	}

	/**
	 * Returns the number of shortcut positions: none, as in Spring Cloud Gateway; the arguments are
	 * named.
	 */
	@Override
	public int shortcutArgumentCount() {
		return 0;
	}

	@Override
	public GatewayFilter create(Config config) {
		LimiterConfig redisConfig = config.redisRateLimiter();
		LimiterConfig localConfig = config.localRateLimiter();
		if (redisConfig != null && localConfig != null) {
			throw new InvalidArgumentException("local-rate-limiter.replenishRate",
					"give either redis-rate-limiter.* or local-rate-limiter.*, not both");
		}
		if (redisConfig == null && localConfig == null) {
			throw new InvalidArgumentException("redis-rate-limiter.replenishRate",
					"missing redis-rate-limiter.replenishRate (a limit every replica shares, in Redis) or "
							+ "local-rate-limiter.replenishRate (a limit of this replica, in memory)");
		}
		boolean inRedis = redisConfig != null;
		String group = inRedis ? "redis-rate-limiter" : "local-rate-limiter";
		Limit limit = limit(group, inRedis ? redisConfig : localConfig);
		RateLimiter limiter = inRedis ? this.redis : this.local;
		if (limiter == null) {
			throw new InvalidArgumentException(group + ".replenishRate", inRedis
					? "redis-rate-limiter needs Spring Data Redis: add org.springframework.boot:"
							+ "spring-boot-starter-data-redis-reactive (version from the Spring Boot BOM) to the "
							+ "application, or use local-rate-limiter.* for a limit of this replica only"
					: "local-rate-limiter needs Bucket4j and Caffeine: add com.bucket4j:bucket4j_jdk17-core and "
							+ "com.github.ben-manes.caffeine:caffeine to the application");
		}
		limiter.prepare();
		RequestRateLimiterGatewayFilter.Settings settings = new RequestRateLimiterGatewayFilter.Settings(
				config.denyEmptyKey(), config.emptyKeyStatus(), config.statusCode(), this.defaults.includeHeaders(),
				this.defaults.failOpen());
		return new RequestRateLimiterGatewayFilter(limiter, limit, keyResolver(config.keyResolver()), settings,
				this.listener);
	}

	private static Limit limit(String group, LimiterConfig config) {
		Long rate = config.replenishRate();
		if (rate == null) {
			throw new InvalidArgumentException(group + ".replenishRate",
					"missing required argument '" + group + ".replenishRate'");
		}
		if (rate < 1) {
			throw new InvalidArgumentException(group + ".replenishRate",
					group + ".replenishRate must be at least 1 but was " + rate);
		}
		long capacity = (config.burstCapacity() != null) ? config.burstCapacity() : rate;
		if (capacity < 0 || capacity > MAX_CAPACITY) {
			throw new InvalidArgumentException(group + ".burstCapacity",
					group + ".burstCapacity must be between 0 and " + MAX_CAPACITY + " but was " + capacity);
		}
		if (config.requestedTokens() < 1) {
			throw new InvalidArgumentException(group + ".requestedTokens",
					group + ".requestedTokens must be at least 1 but was " + config.requestedTokens());
		}
		Duration period = config.replenishPeriod();
		if (period.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidArgumentException(group + ".replenishPeriod",
					group + ".replenishPeriod must be at least 1s but was " + period);
		}
		return new Limit(rate, capacity, config.requestedTokens(), period);
	}

	private KeyResolver keyResolver(@Nullable String name) {
		if (!StringUtils.hasText(name) || "principal".equals(name.trim())) {
			return KeyResolvers.principal();
		}
		String value = name.trim();
		if ("client-address".equals(value)) {
			return KeyResolvers.clientAddress(this.trustedProxies);
		}
		if (value.startsWith(HEADER_PREFIX) && StringUtils.hasText(value.substring(HEADER_PREFIX.length()))) {
			return KeyResolvers.header(value.substring(HEADER_PREFIX.length()).trim());
		}
		Map<String, KeyResolver> beans = this.keyResolverBeans.get();
		Matcher reference = BEAN_REFERENCE.matcher(value);
		if (reference.matches()) {
			KeyResolver bean = beans.get(reference.group(1));
			if (bean != null) {
				return bean;
			}
			throw new InvalidArgumentException("key-resolver",
					"there is no KeyResolver bean named '" + reference.group(1) + "'", choices(beans));
		}
		throw new InvalidArgumentException("key-resolver", "'" + value + "' is not a key resolver: only a bean "
				+ "reference \"#{@beanName}\" is understood, no other expression", choices(beans));
	}

	private static List<String> choices(Map<String, KeyResolver> beans) {
		List<String> choices = new ArrayList<>(List.of("principal", "client-address", "header:<Name>"));
		beans.keySet().stream().sorted().map((bean) -> "#{@" + bean + "}").forEach(choices::add);
		return choices;
	}

	/**
	 * What applies to every route's filter.
	 *
	 * @param includeHeaders whether the {@code X-RateLimit-*} response headers are sent
	 * @param failOpen whether a request passes (reported with {@code X-RateLimit-Remaining: -1})
	 * when the store fails or does not answer in time; if not, it gets a 503
	 */
	public record Defaults(boolean includeHeaders, boolean failOpen) {

	}

	/**
	 * Arguments of RequestRateLimiter, by name only.
	 *
	 * @param redisRateLimiter a bucket in Redis, shared by every replica
	 * @param localRateLimiter a bucket in this replica's memory
	 * @param keyResolver how a request's key is found: {@code principal} (the default),
	 * {@code client-address}, {@code header:<Name>} or a bean, {@code "#{@beanName}"}
	 * @param denyEmptyKey whether a request without a key is refused
	 * @param emptyKeyStatus the status of that refusal
	 * @param statusCode the status of a request whose bucket is empty
	 */
	public record Config(@Nullable LimiterConfig redisRateLimiter, @Nullable LimiterConfig localRateLimiter,
			@Nullable String keyResolver, @DefaultValue("true") boolean denyEmptyKey,
			@DefaultValue("FORBIDDEN") HttpStatusCode emptyKeyStatus,
			@DefaultValue("TOO_MANY_REQUESTS") HttpStatusCode statusCode) {

	}

	/**
	 * A bucket's arguments.
	 *
	 * @param replenishRate tokens added per period
	 * @param burstCapacity tokens the bucket holds at most; the replenish rate when not given
	 * @param requestedTokens tokens one request takes
	 * @param replenishPeriod the period the rate is counted in
	 */
	public record LimiterConfig(@Nullable Long replenishRate, @Nullable Long burstCapacity,
			@DefaultValue("1") long requestedTokens, @DefaultValue("1s") Duration replenishPeriod) {

	}

}
