package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

/**
 * Removes a header from the upstream's response before it reaches the client: {@code RemoveResponseHeader=X-Response-Foo}.
 */
public class RemoveResponseHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String name = arguments.required("name");
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> headers.remove(name));
	}

}
