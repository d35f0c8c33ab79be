package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Adds a header to the request that goes upstream, keeping any it already has: {@code AddRequestHeader=X-Request-Red,blue}. The value may use URI template variables such as {@code {segment}}.
 */
public class AddRequestHeaderGatewayFilterFactory implements GatewayFilterFactory<NameValueConfig> {

	@Override
	public GatewayFilter create(NameValueConfig config) {
		String name = config.name();
		String value = config.value();
		return (exchange, chain) -> HeaderChanges.mutate(exchange, chain, (headers) -> headers.add(name, HeaderChanges.value(exchange, value)));
	}

}
