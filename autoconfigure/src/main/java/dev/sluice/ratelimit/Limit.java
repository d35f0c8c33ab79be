package dev.sluice.ratelimit;

import java.time.Duration;

/**
 * A token bucket: it holds at most {@code burstCapacity} tokens, gains {@code replenishRate} tokens
 * every {@code replenishPeriod}, and each request takes {@code requestedTokens}.
 *
 * @param replenishRate tokens added per period, at least 1
 * @param burstCapacity tokens the bucket holds at most; 0 refuses every request
 * @param requestedTokens tokens one request takes, at least 1
 * @param replenishPeriod the period the rate is counted in, at least one second
 */
public record Limit(long replenishRate, long burstCapacity, long requestedTokens, Duration replenishPeriod) {

	/**
	 * Returns how long an empty bucket takes to fill, at least one second: after that long unused, a
	 * bucket is as good as a new one.
	 * @return the time to fill
	 */
	public Duration fillTime() {
		long millis = (long) Math.ceil((double) this.burstCapacity * this.replenishPeriod.toMillis() / this.replenishRate);
		return Duration.ofMillis(Math.max(1000, millis));
	}

}
