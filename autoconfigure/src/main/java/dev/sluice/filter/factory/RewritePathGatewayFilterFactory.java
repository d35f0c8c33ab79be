package dev.sluice.filter.factory;

import java.util.List;
import java.util.regex.Pattern;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

/**
 * Rewrites the raw request path with a regular expression and a replacement:
 * {@code RewritePath=/red/?(?<segment>.*),/$\{segment}}. As in Spring Cloud Gateway, {@code $\}
 * stands for {@code $} so that YAML leaves the replacement alone.
 */
public class RewritePathGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("regexp", "replacement");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		Pattern regexp = arguments.regex("regexp");
		String replacement = arguments.optional("replacement", "").replace("$\\", "$");
		checkReplacement(arguments, regexp, replacement);
		return (exchange, chain) -> {
			String path = regexp.matcher(exchange.getRequest().getURI().getRawPath()).replaceAll(replacement);
			return RequestUris.withPath(exchange, chain, path.startsWith("/") ? path : "/" + path);
		};
	}

	static void checkReplacement(Arguments arguments, Pattern regexp, String replacement) {
		try {
			regexp.matcher("").replaceAll(replacement);
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			throw arguments.invalid("replacement", "'" + replacement + "' does not fit the regexp: " + ex.getMessage());
		}
	}

}
