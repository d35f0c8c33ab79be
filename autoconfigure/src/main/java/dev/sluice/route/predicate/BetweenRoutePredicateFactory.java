package dev.sluice.route.predicate;

import java.time.Clock;
import java.time.Instant;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Matches requests made after one date-time and before another, such as a maintenance window:
 * {@code Between=datetime1,datetime2}.
 */
public class BetweenRoutePredicateFactory implements RoutePredicateFactory<BetweenRoutePredicateFactory.Config> {

	private final Clock clock;

	public BetweenRoutePredicateFactory() {
		this(Clock.systemUTC());
	}

	public BetweenRoutePredicateFactory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public RoutePredicate create(Config config) {
		Instant start = config.datetime1();
		Instant end = config.datetime2();
		if (!end.isAfter(start)) {
			throw new InvalidArgumentException("datetime2",
					"datetime2 (" + end + ") must be after datetime1 (" + start + ")");
		}
		return (exchange) -> {
			Instant now = this.clock.instant();
			return now.isAfter(start) && now.isBefore(end);
		};
	}

	/**
	 * Arguments of Between: two zoned date-times or epoch milliseconds.
	 *
	 * @param datetime1 the start of the window
	 * @param datetime2 the end of the window, after its start
	 */
	public record Config(Instant datetime1, Instant datetime2) {

	}

}
