package dev.sluice.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the decisions of the {@code RequestRateLimiter} filters as {@code sluice.rate-limiter.requests},
 * tagged with the {@code route} and the {@code result} ({@code allowed}, {@code denied}, {@code error}).
 */
public final class RateLimiterMeters implements RateLimitListener {

	/** The counter's name. */
	public static final String REQUESTS = "sluice.rate-limiter.requests";

	private final MeterRegistry registry;

	private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

	public RateLimiterMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void record(String routeId, RateLimitOutcome outcome) {
		this.counters.computeIfAbsent(routeId, this::register)[outcome.ordinal()].increment();
	}

	private Counter[] register(String routeId) {
		RateLimitOutcome[] outcomes = RateLimitOutcome.values();
		Counter[] registered = new Counter[outcomes.length];
		for (RateLimitOutcome outcome : outcomes) {
			registered[outcome.ordinal()] = Counter.builder(REQUESTS)
				.description("Requests seen by RequestRateLimiter filters")
				.tag("route", routeId)
				.tag("result", outcome.name().toLowerCase(java.util.Locale.ROOT))
				.register(this.registry);
		}
		return registered;
	}

}
