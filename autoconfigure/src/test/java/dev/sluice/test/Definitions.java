package dev.sluice.test;

import java.util.Map;

import dev.sluice.arguments.ArgumentBinder;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.FilterDefinition;
import dev.sluice.route.PredicateDefinition;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Builds predicates and filters from configuration text, as the route compiler does, for unit
 * tests of factories.
 */
public final class Definitions {

	private static final String PROPERTY = "sluice.routes[0].predicates[0]";

	private Definitions() {
	}

	/**
	 * Creates a predicate from the shortcut form, such as {@code Header=X-Id,\d+}.
	 * @param factory the factory
	 * @param shortcut the definition
	 * @param <C> the configuration type
	 * @return the predicate
	 */
	public static <C> RoutePredicate predicate(RoutePredicateFactory<C> factory, String shortcut) {
		return predicate(factory, new PredicateDefinition(shortcut).getArgs());
	}

	/**
	 * Creates a predicate from the expanded form.
	 * @param factory the factory
	 * @param args the arguments by name
	 * @param <C> the configuration type
	 * @return the predicate
	 */
	public static <C> RoutePredicate predicate(RoutePredicateFactory<C> factory, Map<String, String> args) {
		return ArgumentBinder.create(PROPERTY, args, factory, (config) -> factory.create(PROPERTY, config));
	}

	public static <C> GatewayFilter filter(GatewayFilterFactory<C> factory, String shortcut) {
		return filter(factory, new FilterDefinition(shortcut).getArgs());
	}

	public static <C> GatewayFilter filter(GatewayFilterFactory<C> factory, Map<String, String> args) {
		return ArgumentBinder.create(PROPERTY, args, factory, factory::create);
	}

}
