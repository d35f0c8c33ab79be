package dev.sluice.filter.factory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.UriVariables;

import org.springframework.web.util.UriUtils;

/**
 * Replaces the request path with a template filled from the URI template variables of the Path
 * and Host predicates: with {@code Path=/red/{segment}}, {@code SetPath=/{segment}} sends
 * {@code /red/blue} upstream as {@code /blue}. Variable values are encoded for a path.
 */
public class SetPathGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("template");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String template = arguments.required("template");
		if (!template.startsWith("/")) {
			throw arguments.invalid("template", "template '" + template + "' must start with '/'");
		}
		return (exchange, chain) -> RequestUris.withPath(exchange, chain, UriVariables.expand(exchange, template,
				(value) -> UriUtils.encodePath(value, StandardCharsets.UTF_8)));
	}

}
