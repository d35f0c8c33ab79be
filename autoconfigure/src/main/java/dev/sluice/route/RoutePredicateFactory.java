package dev.sluice.route;

import dev.sluice.arguments.ConfigurableFactory;

/**
 * Creates a {@link RoutePredicate} from its configuration. Beans of this type can be used by
 * {@link #name()} in {@code sluice.routes[*].predicates}, their arguments bound to the
 * configuration type {@code C} as {@link ConfigurableFactory} describes.
 *
 * @param <C> the configuration type
 */
public interface RoutePredicateFactory<C> extends ConfigurableFactory<C> {

	/**
	 * Creates the predicate of one definition.
	 * @param config the bound arguments
	 * @return the predicate
	 * @throws dev.sluice.arguments.InvalidArgumentException if an argument has a value the
	 * predicate cannot use
	 */
	RoutePredicate create(C config);

	/**
	 * Creates the predicate of the definition at a property. Override it instead of
	 * {@link #create(Object)} when predicates must know which definition they come from, such as
	 * to replace what an earlier load of the same definition left behind.
	 * @param property the property that holds the definition, such as
	 * {@code sluice.routes[0].predicates[1]}
	 * @param config the bound arguments
	 * @return the predicate
	 */
	default RoutePredicate create(String property, C config) {
		return create(config);
	}

}
