package dev.sluice.filter.factory;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Removes the first {@code parts} segments from the request path before it goes upstream, so
 * {@code /api/v1/users} with {@code StripPrefix=2} becomes {@code /users}. Encoding is kept.
 */
public class StripPrefixGatewayFilterFactory implements GatewayFilterFactory<StripPrefixGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		int parts = config.parts();
		if (parts < 0) {
			throw new InvalidArgumentException("parts", "parts must not be negative but was " + parts);
		}
		return (exchange, chain) -> RequestUris.withPath(exchange, chain,
				strip(exchange.getRequest().getURI().getRawPath(), parts));
	}

	static String strip(String rawPath, int parts) {
		int index = 0;
		for (int i = 0; i < parts && index < rawPath.length(); i++) {
			int next = rawPath.indexOf('/', index + 1);
			index = (next < 0) ? rawPath.length() : next;
		}
		String rest = rawPath.substring(index);
		return rest.isEmpty() ? "/" : rest;
	}

	/**
	 * Arguments of StripPrefix.
	 *
	 * @param parts how many leading path segments to remove
	 */
	public record Config(@DefaultValue("1") int parts) {

	}

}
