package dev.sluice.route;

/**
 * Creates a {@link RoutePredicate} from configured arguments. Beans of this type can be used by
 * {@link #name()} in {@code sluice.routes[*].predicates}.
 */
public interface RoutePredicateFactory extends ConfigurableFactory {

	RoutePredicate create(Arguments arguments);

}
