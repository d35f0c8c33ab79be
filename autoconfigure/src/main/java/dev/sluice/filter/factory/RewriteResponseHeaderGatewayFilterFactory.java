package dev.sluice.filter.factory;

import java.util.List;
import java.util.regex.Pattern;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

/**
 * Rewrites every value of a response header with a regular expression and a replacement:
 * {@code RewriteResponseHeader=X-Response-Red,password=[^&]+,password=***}. As in RewritePath,
 * {@code $\} stands for {@code $}.
 */
public class RewriteResponseHeaderGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name", "regexp", "replacement");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String name = arguments.required("name");
		Pattern regexp = arguments.regex("regexp");
		String replacement = arguments.optional("replacement", "").replace("$\\", "$");
		RewritePathGatewayFilterFactory.checkReplacement(arguments, regexp, replacement);
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> {
			List<String> values = headers.get(name);
			if (values != null) {
				headers.put(name, values.stream().map((value) -> regexp.matcher(value).replaceAll(replacement)).toList());
			}
		});
	}

}
