package dev.sluice.route.predicate;

import java.time.Clock;
import java.time.Instant;

import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Matches requests made after a date-time: {@code After=2030-01-20T17:42:47.789-07:00[America/Denver]}.
 */
public class AfterRoutePredicateFactory implements RoutePredicateFactory<DateTimeConfig> {

	private final Clock clock;

	public AfterRoutePredicateFactory() {
		this(Clock.systemUTC());
	}

	public AfterRoutePredicateFactory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public RoutePredicate create(DateTimeConfig config) {
		Instant datetime = config.datetime();
		return (exchange) -> this.clock.instant().isAfter(datetime);
	}

}
