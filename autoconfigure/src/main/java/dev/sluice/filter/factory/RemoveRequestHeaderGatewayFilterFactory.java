package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Removes a header from the request before it goes upstream: {@code RemoveRequestHeader=X-Request-Foo}.
 */
public class RemoveRequestHeaderGatewayFilterFactory implements GatewayFilterFactory<NameConfig> {

	@Override
	public GatewayFilter create(NameConfig config) {
		String name = config.name();
		return (exchange, chain) -> HeaderChanges.mutate(exchange, chain, (headers) -> headers.remove(name));
	}

}
