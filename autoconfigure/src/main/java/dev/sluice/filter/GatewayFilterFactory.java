package dev.sluice.filter;

import dev.sluice.arguments.ConfigurableFactory;

/**
 * Creates a {@link GatewayFilter} from its configuration. Beans of this type can be used by
 * {@link #name()} in {@code sluice.routes[*].filters}, their arguments bound to the configuration
 * type {@code C} as {@link ConfigurableFactory} describes.
 *
 * @param <C> the configuration type
 */
public interface GatewayFilterFactory<C> extends ConfigurableFactory<C> {

	/**
	 * Creates the filter of one definition.
	 * @param config the bound arguments
	 * @return the filter
	 * @throws dev.sluice.arguments.InvalidArgumentException if an argument has a value the
	 * filter cannot use
	 */
	GatewayFilter create(C config);

}
