package dev.sluice.circuitbreaker;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The time limit of each circuit breaker, as its implementation is configured, so that the response
 * body can be held to it as well.
 */
@FunctionalInterface
public interface TimeLimits {

	/** No time limit on any body. */
	TimeLimits NONE = (name) -> null;

	/**
	 * Returns the time limit of a circuit breaker.
	 * @param name the circuit breaker's name
	 * @return the limit, or {@code null} for none
	 */
	@Nullable Duration of(String name);

}
