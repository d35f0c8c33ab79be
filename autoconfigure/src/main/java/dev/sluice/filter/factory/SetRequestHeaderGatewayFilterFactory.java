package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Sets a request header, replacing any values it had: {@code SetRequestHeader=X-Request-Red,blue}. The value may use URI template variables.
 */
public class SetRequestHeaderGatewayFilterFactory implements GatewayFilterFactory<NameValueConfig> {

	@Override
	public GatewayFilter create(NameValueConfig config) {
		String name = config.name();
		String value = config.value();
		return (exchange, chain) -> HeaderChanges.mutate(exchange, chain, (headers) -> headers.set(name, HeaderChanges.value(exchange, value)));
	}

}
