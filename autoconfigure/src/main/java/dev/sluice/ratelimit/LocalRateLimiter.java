package dev.sluice.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/**
 * Token buckets in the memory of this gateway, for a single replica: Bucket4j's buckets, held in a
 * Caffeine cache of bounded size. A bucket left unused for as long as it takes to fill is dropped,
 * since a new one would be the same; when more keys are active than the cache holds, the least used
 * lose their bucket and start again full.
 */
public final class LocalRateLimiter implements RateLimiter {

	private final Cache<BucketKey, Bucket> buckets;

	/**
	 * Creates an empty set of buckets.
	 * @param maxKeys how many buckets are kept at most
	 */
	public LocalRateLimiter(long maxKeys) {
		this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfter(new UntilFull()).build();
	}

	@Override
	public Mono<Decision> tryConsume(String routeId, String key, Limit limit) {
		if (limit.requestedTokens() > limit.burstCapacity()) {
			// A bucket too small for one request (a capacity of 0 among them) refuses every request.
			return Mono.just(new Decision(false, limit.burstCapacity()));
		}
		Bucket bucket = this.buckets.get(new BucketKey(routeId, key, limit), (bucketKey) -> bucket(limit));
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(limit.requestedTokens());
		return Mono.just(new Decision(probe.isConsumed(), probe.getRemainingTokens()));
	}

	/**
	 * Returns how many buckets are held, for tests and diagnostics.
	 * @return the estimated number of buckets
	 */
	public long size() {
		return this.buckets.estimatedSize();
	}

	private static Bucket bucket(Limit limit) {
		Bandwidth bandwidth = Bandwidth.builder()
			.capacity(limit.burstCapacity())
			.refillGreedy(limit.replenishRate(), limit.replenishPeriod())
			.build();
		return Bucket.builder().addLimit(bandwidth).build();
	}

	private record BucketKey(String routeId, String key, Limit limit) {

	}

	private static final class UntilFull implements Expiry<BucketKey, Bucket> {

		@Override
		public long expireAfterCreate(BucketKey key, Bucket value, long currentTime) {
			return key.limit().fillTime().toNanos();
		}

		@Override
		public long expireAfterUpdate(BucketKey key, Bucket value, long currentTime, long currentDuration) {
			return key.limit().fillTime().toNanos();
		}

		@Override
		public long expireAfterRead(BucketKey key, Bucket value, long currentTime, long currentDuration) {
			return key.limit().fillTime().toNanos();
		}

	}

}
