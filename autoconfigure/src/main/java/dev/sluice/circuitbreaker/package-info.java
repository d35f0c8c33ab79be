/**
 * The {@code CircuitBreaker} filter: runs the rest of a route's chain inside a Spring Cloud
 * CircuitBreaker ({@code ReactiveCircuitBreakerFactory}, Resilience4j's when it is on the classpath),
 * answers with a {@code forward:} fallback when the call fails or the circuit is open, and holds the
 * response body to the same time limit as the call, cutting it off rather than letting a slow body
 * run on.
 */
@NullMarked
package dev.sluice.circuitbreaker;

import org.jspecify.annotations.NullMarked;
