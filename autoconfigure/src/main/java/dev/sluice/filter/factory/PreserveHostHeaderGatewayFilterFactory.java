package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.GatewayAttributes;

/**
 * Sends the client's {@code Host} header upstream instead of the upstream's own:
 * {@code PreserveHostHeader}.
 */
public class PreserveHostHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public GatewayFilter create(Arguments arguments) {
		return (exchange, chain) -> {
			exchange.getAttributes().put(GatewayAttributes.PRESERVE_HOST_HEADER, true);
			return chain.filter(exchange);
		};
	}

}
