package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.UriVariables;

import org.springframework.util.StringUtils;

/**
 * Adds a header to the response once the upstream has answered:
 * {@code AddResponseHeader=X-Response-Red,blue}. With {@code override} false the header is only
 * added when the upstream did not send a non-blank one. The value may use URI template variables.
 */
public class AddResponseHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name", "value", "override");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String name = arguments.required("name");
		String value = arguments.optional("value", "");
		boolean override = arguments.bool("override", true);
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> {
			if (override || headers.getOrEmpty(name).stream().noneMatch(StringUtils::hasText)) {
				headers.add(name, UriVariables.expand(exchange, value));
			}
		});
	}

}
