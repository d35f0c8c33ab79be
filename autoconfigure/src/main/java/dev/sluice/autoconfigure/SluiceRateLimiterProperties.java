package dev.sluice.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code RequestRateLimiter} filter.
 */
@ConfigurationProperties("sluice.rate-limiter")
public class SluiceRateLimiterProperties {

	/**
	 * Whether responses carry the X-RateLimit-Remaining, -Replenish-Rate, -Burst-Capacity and
	 * -Requested-Tokens headers, as Spring Cloud Gateway's do.
	 */
	private boolean includeHeaders = true;

	private final Redis redis = new Redis();

	private final Local local = new Local();

	public boolean isIncludeHeaders() {
		return this.includeHeaders;
	}

	public void setIncludeHeaders(boolean includeHeaders) {
		this.includeHeaders = includeHeaders;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Local getLocal() {
		return this.local;
	}

	/**
	 * Limits kept in Redis, shared by every replica.
	 */
	public static class Redis {

		/**
		 * Longest time one request waits for Redis's answer; a slower or unreachable Redis is a
		 * failure once it has passed.
		 */
		private Duration timeout = Duration.ofMillis(100);

		/**
		 * Whether a request passes when Redis fails or does not answer in time, reported with
		 * X-RateLimit-Remaining: -1, as in Spring Cloud Gateway. When false, such a request gets a
		 * 503.
		 */
		private boolean failOpen = true;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isFailOpen() {
			return this.failOpen;
		}

		public void setFailOpen(boolean failOpen) {
			this.failOpen = failOpen;
		}

	}

	/**
	 * Limits kept in the memory of one replica.
	 */
	public static class Local {

		/**
		 * Most buckets (route and key pairs) kept in memory. Beyond it the least recently used lose
		 * their bucket and start again full; a bucket unused for as long as it takes to fill is
		 * dropped anyway.
		 */
		private long maxKeys = 100_000;

		public long getMaxKeys() {
			return this.maxKeys;
		}

		public void setMaxKeys(long maxKeys) {
			this.maxKeys = maxKeys;
		}

	}

}
