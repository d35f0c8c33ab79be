package dev.sluice.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Where the token buckets live: in Redis, shared by every replica ({@link RedisRateLimiter}), or in
 * the memory of one ({@link LocalRateLimiter}).
 */
public interface RateLimiter {

	/**
	 * Gets ready for requests, when a route that uses this store is created; by default nothing.
	 */
	default void prepare() {
	}

	/**
	 * Takes a request's tokens from the bucket of a route and key, if it holds enough.
	 * @param routeId the route
	 * @param key the key the request is counted under
	 * @param limit the bucket's size and rate
	 * @return whether the request may pass and the whole tokens left; an error when the store could
	 * not answer
	 */
	Mono<Decision> tryConsume(String routeId, String key, Limit limit);

	/**
	 * What the bucket said.
	 *
	 * @param allowed whether the request may pass
	 * @param remaining whole tokens left in the bucket
	 */
	record Decision(boolean allowed, long remaining) {

	}

}
