package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.UriVariables;

/**
 * Sets a request header, replacing any values it had: {@code SetRequestHeader=X-Request-Red,blue}. The value may use URI template variables.
 */
public class SetRequestHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name", "value");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String name = arguments.required("name");
		String value = arguments.optional("value", "");
		return (exchange, chain) -> HeaderChanges.mutate(exchange, chain, (headers) -> headers.set(name, UriVariables.expand(exchange, value)));
	}

}
