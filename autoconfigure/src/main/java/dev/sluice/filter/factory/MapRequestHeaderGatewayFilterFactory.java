package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

/**
 * Copies the values of one request header into another, adding to any it has:
 * {@code MapRequestHeader=Blue,X-Request-Red}. Nothing happens when the source header is absent.
 */
public class MapRequestHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("fromHeader", "toHeader");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String from = arguments.required("fromHeader");
		String to = arguments.required("toHeader");
		return (exchange, chain) -> {
			List<String> values = exchange.getRequest().getHeaders().getValuesAsList(from);
			if (values.isEmpty()) {
				return chain.filter(exchange);
			}
			return HeaderChanges.mutate(exchange, chain, (headers) -> headers.addAll(to, values));
		};
	}

}
