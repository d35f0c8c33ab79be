package dev.sluice.filter.factory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.UriVariables;

import org.springframework.web.util.UriUtils;

/**
 * Adds a query parameter to the request that goes upstream, after those it has:
 * {@code AddRequestParameter=red,blue}. The value may use URI template variables.
 */
public class AddRequestParameterGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name", "value");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String name = UriUtils.encodeQueryParam(arguments.required("name"), StandardCharsets.UTF_8);
		String value = arguments.optional("value", "");
		return (exchange, chain) -> {
			String query = exchange.getRequest().getURI().getRawQuery();
			String parameter = name + "="
					+ UriUtils.encodeQueryParam(UriVariables.expand(exchange, value), StandardCharsets.UTF_8);
			return RequestUris.withQuery(exchange, chain,
					(query == null || query.isEmpty()) ? parameter : query + "&" + parameter);
		};
	}

}
