package dev.sluice.route.predicate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.sluice.route.Arguments;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Matches requests made after one date-time and before another, such as a maintenance window:
 * {@code Between=datetime1,datetime2}.
 */
public class BetweenRoutePredicateFactory implements RoutePredicateFactory {

	private final Clock clock;

	public BetweenRoutePredicateFactory() {
		this(Clock.systemUTC());
	}

	public BetweenRoutePredicateFactory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public List<String> argumentNames() {
		return List.of("datetime1", "datetime2");
	}

	@Override
	public RoutePredicate create(Arguments arguments) {
		Instant start = DateTimes.instant(arguments, "datetime1");
		Instant end = DateTimes.instant(arguments, "datetime2");
		if (!end.isAfter(start)) {
			throw arguments.invalid("datetime2", "datetime2 (" + end + ") must be after datetime1 (" + start + ")");
		}
		return (exchange) -> {
			Instant now = this.clock.instant();
			return now.isAfter(start) && now.isBefore(end);
		};
	}

}
