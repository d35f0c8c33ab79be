package dev.sluice.filter;

import dev.sluice.route.Arguments;
import dev.sluice.route.ConfigurableFactory;

/**
 * Creates a {@link GatewayFilter} from configured arguments. Beans of this type can be used by
 * {@link #name()} in {@code sluice.routes[*].filters}.
 */
public interface GatewayFilterFactory extends ConfigurableFactory {

	GatewayFilter create(Arguments arguments);

}
