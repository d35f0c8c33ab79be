package dev.sluice.route.predicate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.route.RoutePredicate;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static dev.sluice.test.Definitions.predicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the After, Before and Between predicates.
 */
class DateTimeRoutePredicateFactoriesTests {

	private static final Clock NOON = Clock.fixed(Instant.parse("2030-01-20T12:00:00Z"), ZoneOffset.UTC);

	private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

	@Test
	void afterMatchesOnlyOnceTheDateTimeHasPassed() {
		AfterRoutePredicateFactory factory = new AfterRoutePredicateFactory(NOON);
		assertThat(matches(predicate(factory, "After=2030-01-20T11:59:59Z[UTC]"))).isTrue();
		assertThat(matches(predicate(factory, "After=2030-01-20T13:00:00+01:00[Europe/Paris]"))).isFalse();
		assertThat(matches(predicate(factory, "After=2030-01-20T12:00:01Z"))).isFalse();
	}

	@Test
	void beforeMatchesOnlyUntilTheDateTime() {
		BeforeRoutePredicateFactory factory = new BeforeRoutePredicateFactory(NOON);
		assertThat(matches(predicate(factory, "Before=2030-01-20T12:00:01Z"))).isTrue();
		assertThat(matches(predicate(factory, "Before=2017-01-20T17:42:47.789-07:00[America/Denver]"))).isFalse();
	}

	@Test
	void betweenMatchesInsideTheWindowAndAcceptsEpochMillis() {
		BetweenRoutePredicateFactory factory = new BetweenRoutePredicateFactory(NOON);
		long start = Instant.parse("2030-01-20T11:00:00Z").toEpochMilli();
		assertThat(matches(predicate(factory, "Between=" + start + ", 2030-01-20T13:00:00Z"))).isTrue();
		assertThat(matches(predicate(factory, "Between=2030-01-20T12:30:00Z,2030-01-20T13:00:00Z"))).isFalse();
	}

	@Test
	void betweenRefusesAnEndBeforeTheStart() {
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> predicate(new BetweenRoutePredicateFactory(), "Between=2030-01-02T00:00:00Z,2030-01-01T00:00:00Z"))
			.withMessageContaining("datetime2");
	}

	@Test
	void refusesADateTimeWithoutZone() {
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> predicate(new AfterRoutePredicateFactory(), "After=2030-01-20 12:00"))
			.withMessageContaining("'2030-01-20 12:00' is not a zoned date-time")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].predicates[0]"));
	}

	private boolean matches(RoutePredicate predicate) {
		return predicate.test(this.exchange);
	}

}
