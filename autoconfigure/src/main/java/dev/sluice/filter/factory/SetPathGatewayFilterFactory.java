package dev.sluice.filter.factory;

import java.nio.charset.StandardCharsets;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.UriVariables;

import org.springframework.web.util.UriUtils;

/**
 * Replaces the request path with a template filled from the URI template variables of the Path
 * and Host predicates: with {@code Path=/red/{segment}}, {@code SetPath=/{segment}} sends
 * {@code /red/blue} upstream as {@code /blue}. Variable values are encoded as path segments, so a
 * decoded {@code %2F} in one stays encoded and adds no segment.
 */
public class SetPathGatewayFilterFactory implements GatewayFilterFactory<SetPathGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		String template = config.template();
		if (!template.startsWith("/")) {
			throw new InvalidArgumentException("template", "template '" + template + "' must start with '/'");
		}
		return (exchange, chain) -> RequestUris.withPath(exchange, chain, UriVariables.expand(exchange, template,
				(value) -> UriUtils.encodePathSegment(value, StandardCharsets.UTF_8)));
	}

	/**
	 * Arguments of SetPath.
	 *
	 * @param template the new path, starting with {@code /}, with URI template variables
	 */
	public record Config(String template) {

	}

}
