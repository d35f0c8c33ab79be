package dev.sluice.filter.factory;

import java.util.regex.Pattern;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Rewrites the raw request path with a regular expression and a replacement:
 * {@code RewritePath=/red/?(?<segment>.*),/$\{segment}}. As in Spring Cloud Gateway, {@code $\}
 * stands for {@code $} so that YAML leaves the replacement alone.
 */
public class RewritePathGatewayFilterFactory implements GatewayFilterFactory<RewritePathGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		Pattern regexp = config.regexp();
		String replacement = replacement(regexp, config.replacement());
		return (exchange, chain) -> {
			String path = regexp.matcher(exchange.getRequest().getURI().getRawPath()).replaceAll(replacement);
			return RequestUris.withPath(exchange, chain, path.startsWith("/") ? path : "/" + path);
		};
	}

	/**
	 * Reads a replacement written for YAML, checking it against its regular expression.
	 * @param regexp the regular expression
	 * @param configured the replacement as configured, with {@code $\} for {@code $}
	 * @return the replacement for {@link java.util.regex.Matcher#replaceAll(String)}
	 */
	static String replacement(Pattern regexp, String configured) {
		String replacement = configured.replace("$\\", "$");
		try {
			regexp.matcher("").replaceAll(replacement);
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			throw new InvalidArgumentException("replacement",
					"'" + replacement + "' does not fit the regexp: " + ex.getMessage());
		}
		return replacement;
	}

	/**
	 * Arguments of RewritePath.
	 *
	 * @param regexp the regular expression matched against the raw path
	 * @param replacement the replacement, with {@code $\} standing for {@code $}
	 */
	public record Config(Pattern regexp, String replacement) {

	}

}
