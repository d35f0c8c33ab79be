package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

/**
 * Puts a prefix in front of the request path before it goes upstream, so {@code /users} with
 * {@code PrefixPath=/api} becomes {@code /api/users}.
 */
public class PrefixPathGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("prefix");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String prefix = arguments.required("prefix");
		if (!prefix.startsWith("/")) {
			throw arguments.invalid("prefix", "prefix '" + prefix + "' must start with '/'");
		}
		String normalized = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
		return (exchange, chain) -> RequestUris.withPath(exchange, chain,
				normalized + exchange.getRequest().getURI().getRawPath());
	}

}
