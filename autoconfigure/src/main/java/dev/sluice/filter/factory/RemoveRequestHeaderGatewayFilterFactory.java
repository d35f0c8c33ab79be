package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

/**
 * Removes a header from the request before it goes upstream: {@code RemoveRequestHeader=X-Request-Foo}.
 */
public class RemoveRequestHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String name = arguments.required("name");
		return (exchange, chain) -> HeaderChanges.mutate(exchange, chain, (headers) -> headers.remove(name));
	}

}
