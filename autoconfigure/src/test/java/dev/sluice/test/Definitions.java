package dev.sluice.test;

import java.util.Map;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.ConfigurableFactory;
import dev.sluice.route.FilterDefinition;
import dev.sluice.route.NamedArgumentsDefinition;
import dev.sluice.route.PredicateDefinition;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Builds predicates and filters from configuration text, as the route compiler does, for unit
 * tests of factories.
 */
public final class Definitions {

	private Definitions() {
	}

	/**
	 * Creates a predicate from the shortcut form, such as {@code Header=X-Id,\d+}.
	 * @param factory the factory
	 * @param shortcut the definition
	 * @return the predicate
	 */
	public static RoutePredicate predicate(RoutePredicateFactory factory, String shortcut) {
		return factory.create(arguments(factory, new PredicateDefinition(shortcut)));
	}

	/**
	 * Creates a predicate from the expanded form.
	 * @param factory the factory
	 * @param args the arguments by name
	 * @return the predicate
	 */
	public static RoutePredicate predicate(RoutePredicateFactory factory, Map<String, String> args) {
		PredicateDefinition definition = new PredicateDefinition();
		definition.setName(factory.name());
		definition.getArgs().putAll(args);
		return factory.create(arguments(factory, definition));
	}

	public static GatewayFilter filter(GatewayFilterFactory factory, String shortcut) {
		return factory.create(arguments(factory, new FilterDefinition(shortcut)));
	}

	public static GatewayFilter filter(GatewayFilterFactory factory, Map<String, String> args) {
		FilterDefinition definition = new FilterDefinition();
		definition.setName(factory.name());
		definition.getArgs().putAll(args);
		return factory.create(arguments(factory, definition));
	}

	private static Arguments arguments(ConfigurableFactory factory, NamedArgumentsDefinition definition) {
		return Arguments.resolve("sluice.routes[0].predicates[0]", definition.getArgs(), factory.argumentNames(),
				factory.shortcutType(), factory.shortcutArgumentCount());
	}

}
