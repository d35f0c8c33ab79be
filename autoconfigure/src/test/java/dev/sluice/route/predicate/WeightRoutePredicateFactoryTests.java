package dev.sluice.route.predicate;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.arguments.ArgumentBinder;
import dev.sluice.route.PredicateDefinition;
import dev.sluice.route.RoutePredicate;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link WeightRoutePredicateFactory}.
 */
class WeightRoutePredicateFactoryTests {

	private final WeightRoutePredicateFactory factory = new WeightRoutePredicateFactory();

	@Test
	void exactlyOneRouteOfAGroupMatchesEachExchangeInProportionToItsWeight() {
		RoutePredicate high = create(0, "Weight=group1, 8");
		RoutePredicate low = create(1, "Weight=group1, 2");
		RoutePredicate other = create(2, "Weight=group2, 1");
		int highCount = 0;
		for (int i = 0; i < 10_000; i++) {
			MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
			boolean h = high.test(exchange);
			boolean l = low.test(exchange);
			assertThat(h ^ l).isTrue();
			assertThat(other.test(exchange)).isTrue();
			highCount += h ? 1 : 0;
		}
		assertThat(highCount / 10_000.0).isCloseTo(0.8, within(0.03));
	}

	@Test
	void aReloadedDefinitionReplacesTheOneAtTheSameProperty() {
		RoutePredicate first = create(0, "Weight=g, 1");
		RoutePredicate second = create(1, "Weight=g, 1");
		RoutePredicate reloaded = create(1, "Weight=g, 0");
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		assertThat(first.test(exchange)).isTrue();
		assertThat(reloaded.test(exchange)).isFalse();
		assertThat(second).isNotNull();
	}

	private RoutePredicate create(int route, String shortcut) {
		Map<String, String> args = new PredicateDefinition(shortcut).getArgs();
		String property = "sluice.routes[" + route + "].predicates[0]";
		return ArgumentBinder.create(property, args, this.factory, (config) -> this.factory.create(property, config));
	}

}
