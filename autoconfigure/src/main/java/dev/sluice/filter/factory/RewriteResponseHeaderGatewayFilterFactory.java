package dev.sluice.filter.factory;

import java.util.List;
import java.util.regex.Pattern;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Rewrites every value of a response header with a regular expression and a replacement:
 * {@code RewriteResponseHeader=X-Response-Red,password=[^&]+,password=***}. As in RewritePath,
 * {@code $\} stands for {@code $}.
 */
public class RewriteResponseHeaderGatewayFilterFactory
		implements GatewayFilterFactory<RewriteResponseHeaderGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		String name = config.name();
		Pattern regexp = config.regexp();
		String replacement = RewritePathGatewayFilterFactory.replacement(regexp, config.replacement());
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> {
			List<String> values = headers.get(name);
			if (values != null) {
				headers.put(name, values.stream().map((value) -> regexp.matcher(value).replaceAll(replacement)).toList());
			}
		});
	}

	/**
	 * Arguments of RewriteResponseHeader.
	 *
	 * @param name the header whose values are rewritten
	 * @param regexp the regular expression matched against each value
	 * @param replacement the replacement, with {@code $\} standing for {@code $}
	 */
	public record Config(String name, Pattern regexp, String replacement) {

	}

}
