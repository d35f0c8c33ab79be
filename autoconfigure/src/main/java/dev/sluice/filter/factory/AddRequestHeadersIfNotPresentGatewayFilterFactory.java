package dev.sluice.filter.factory;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.arguments.ShortcutType;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Adds request headers the client did not send:
 * {@code AddRequestHeadersIfNotPresent=X-Request-Color-1:blue,X-Request-Color-2:green}. Values may
 * use URI template variables.
 */
public class AddRequestHeadersIfNotPresentGatewayFilterFactory
		implements GatewayFilterFactory<AddRequestHeadersIfNotPresentGatewayFilterFactory.Config> {

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public GatewayFilter create(Config config) {
		List<String[]> pairs = new ArrayList<>();
		for (String keyValue : config.keyValues()) {
			int colon = keyValue.indexOf(':');
			if (colon <= 0) {
				throw new InvalidArgumentException("keyValues", "'" + keyValue + "' is not a header:value pair");
			}
			pairs.add(new String[] { keyValue.substring(0, colon).trim(), keyValue.substring(colon + 1).trim() });
		}
		return (exchange, chain) -> HeaderChanges.mutate(exchange, chain, (headers) -> {
			for (String[] pair : pairs) {
				if (!headers.containsHeader(pair[0])) {
					headers.add(pair[0], HeaderChanges.value(exchange, pair[1]));
				}
			}
		});
	}

	/**
	 * Arguments of AddRequestHeadersIfNotPresent.
	 *
	 * @param keyValues the headers as {@code name:value} pairs
	 */
	public record Config(List<String> keyValues) {

	}

}
