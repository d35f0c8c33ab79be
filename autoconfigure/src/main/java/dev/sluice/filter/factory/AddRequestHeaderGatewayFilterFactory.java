package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.UriVariables;

/**
 * Adds a header to the request that goes upstream, keeping any it already has: {@code AddRequestHeader=X-Request-Red,blue}. The value may use URI template variables such as {@code {segment}}.
 */
public class AddRequestHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name", "value");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String name = arguments.required("name");
		String value = arguments.optional("value", "");
		return (exchange, chain) -> HeaderChanges.mutate(exchange, chain, (headers) -> headers.add(name, UriVariables.expand(exchange, value)));
	}

}
