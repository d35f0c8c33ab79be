package dev.sluice.ratelimit;

/**
 * What became of a request the {@code RequestRateLimiter} filter saw, as counted by the meters.
 */
public enum RateLimitOutcome {

	/** The bucket held enough tokens. */
	ALLOWED,

	/** The bucket was empty, or the request had no key and empty keys are refused. */
	DENIED,

	/** The store did not answer in time or failed; the request passed or was refused as configured. */
	ERROR

}
