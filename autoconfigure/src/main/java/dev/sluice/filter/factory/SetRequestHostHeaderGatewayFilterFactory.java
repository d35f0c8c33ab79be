package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.UriVariables;

import org.springframework.http.HttpHeaders;

/**
 * Sends a given {@code Host} header upstream: {@code SetRequestHostHeader=example.org}. The value
 * may use URI template variables.
 */
public class SetRequestHostHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("host");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String host = arguments.required("host");
		return (exchange, chain) -> {
			exchange.getAttributes().put(GatewayAttributes.PRESERVE_HOST_HEADER, true);
			return HeaderChanges.mutate(exchange, chain,
					(headers) -> headers.set(HttpHeaders.HOST, UriVariables.expand(exchange, host)));
		};
	}

}
