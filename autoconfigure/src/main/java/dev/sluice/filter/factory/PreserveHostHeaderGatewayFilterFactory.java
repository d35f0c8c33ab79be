package dev.sluice.filter.factory;

import dev.sluice.arguments.NoArguments;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.GatewayAttributes;

/**
 * Sends the client's {@code Host} header upstream instead of the upstream's own:
 * {@code PreserveHostHeader}.
 */
public class PreserveHostHeaderGatewayFilterFactory implements GatewayFilterFactory<NoArguments> {

	@Override
	public GatewayFilter create(NoArguments none) {
		return (exchange, chain) -> {
			exchange.getAttributes().put(GatewayAttributes.PRESERVE_HOST_HEADER, true);
			return chain.filter(exchange);
		};
	}

}
