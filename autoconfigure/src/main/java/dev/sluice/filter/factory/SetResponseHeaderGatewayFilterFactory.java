package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Sets a response header once the upstream has answered, replacing its values: {@code SetResponseHeader=X-Response-Red,blue}. The value may use URI template variables.
 */
public class SetResponseHeaderGatewayFilterFactory implements GatewayFilterFactory<NameValueConfig> {

	@Override
	public GatewayFilter create(NameValueConfig config) {
		String name = config.name();
		String value = config.value();
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> headers.set(name, HeaderChanges.value(exchange, value)));
	}

}
