package dev.sluice.filter.factory;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Puts a prefix in front of the request path before it goes upstream, so {@code /users} with
 * {@code PrefixPath=/api} becomes {@code /api/users}.
 */
public class PrefixPathGatewayFilterFactory implements GatewayFilterFactory<PrefixPathGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		String prefix = config.prefix();
		if (!prefix.startsWith("/")) {
			throw new InvalidArgumentException("prefix", "prefix '" + prefix + "' must start with '/'");
		}
		String normalized = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
		return (exchange, chain) -> RequestUris.withPath(exchange, chain,
				normalized + exchange.getRequest().getURI().getRawPath());
	}

	/**
	 * Arguments of PrefixPath.
	 *
	 * @param prefix the prefix, starting with {@code /}
	 */
	public record Config(String prefix) {

	}

}
