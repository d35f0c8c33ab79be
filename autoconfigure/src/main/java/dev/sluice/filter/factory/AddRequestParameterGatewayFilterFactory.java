package dev.sluice.filter.factory;

import java.nio.charset.StandardCharsets;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.UriVariables;

import org.springframework.web.util.UriUtils;

/**
 * Adds a query parameter to the request that goes upstream, after those it has:
 * {@code AddRequestParameter=red,blue}. The value may use URI template variables.
 */
public class AddRequestParameterGatewayFilterFactory implements GatewayFilterFactory<NameValueConfig> {

	@Override
	public GatewayFilter create(NameValueConfig config) {
		String name = UriUtils.encodeQueryParam(config.name(), StandardCharsets.UTF_8);
		String value = config.value();
		return (exchange, chain) -> {
			String query = exchange.getRequest().getURI().getRawQuery();
			String parameter = name + "="
					+ UriUtils.encodeQueryParam(UriVariables.expand(exchange, value), StandardCharsets.UTF_8);
			return RequestUris.withQuery(exchange, chain,
					(query == null || query.isEmpty()) ? parameter : query + "&" + parameter);
		};
	}

}
