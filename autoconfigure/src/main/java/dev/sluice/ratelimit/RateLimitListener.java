package dev.sluice.ratelimit;

/**
 * Told of every decision of a {@code RequestRateLimiter} filter, to count them.
 */
@FunctionalInterface
public interface RateLimitListener {

	/** Counts nothing. */
	RateLimitListener NONE = (routeId, outcome) -> {
	};

	/**
	 * Records one decision.
	 * @param routeId the route
	 * @param outcome what became of the request
	 */
	void record(String routeId, RateLimitOutcome outcome);

}
