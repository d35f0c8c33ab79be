package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Removes a header from the upstream's response before it reaches the client: {@code RemoveResponseHeader=X-Response-Foo}.
 */
public class RemoveResponseHeaderGatewayFilterFactory implements GatewayFilterFactory<NameConfig> {

	@Override
	public GatewayFilter create(NameConfig config) {
		String name = config.name();
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> headers.remove(name));
	}

}
