package dev.sluice.loadbalancer;

import java.time.Duration;

/**
 * When passive outlier detection ejects an instance, for how long, and how much of a service it
 * may eject at once.
 *
 * @param enabled whether failing instances are ejected at all
 * @param consecutiveFailures failures in a row that eject an instance
 * @param ejectionTime how long an ejected instance is skipped before it is tried again
 * @param maxEjectedShare the largest share of a service's known instances ejected at once; one
 * instance may always be ejected, as in Envoy
 */
public record OutlierDetection(boolean enabled, int consecutiveFailures, Duration ejectionTime,
		double maxEjectedShare) {

	/** No instance is ever ejected. */
	public static final OutlierDetection DISABLED = new OutlierDetection(false, Integer.MAX_VALUE, Duration.ZERO, 0);

	public OutlierDetection {
		if (enabled && consecutiveFailures < 1) {
			throw new IllegalArgumentException("consecutive-failures must be at least 1 but was " + consecutiveFailures);
		}
		if (maxEjectedShare < 0 || maxEjectedShare > 1) {
			throw new IllegalArgumentException("max-ejected-share must be between 0 and 1 but was " + maxEjectedShare);
		}
	}

}
