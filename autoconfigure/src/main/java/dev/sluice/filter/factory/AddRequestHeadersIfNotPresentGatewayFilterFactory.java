package dev.sluice.filter.factory;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;
import dev.sluice.route.ShortcutType;
import dev.sluice.route.UriVariables;

/**
 * Adds request headers the client did not send:
 * {@code AddRequestHeadersIfNotPresent=X-Request-Color-1:blue,X-Request-Color-2:green}. Values may
 * use URI template variables.
 */
public class AddRequestHeadersIfNotPresentGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("keyValues");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		List<String[]> pairs = new ArrayList<>();
		for (String keyValue : arguments.list("keyValues")) {
			int colon = keyValue.indexOf(':');
			if (colon <= 0) {
				throw arguments.invalid("keyValues", "'" + keyValue + "' is not a header:value pair");
			}
			pairs.add(new String[] { keyValue.substring(0, colon).trim(), keyValue.substring(colon + 1).trim() });
		}
		return (exchange, chain) -> HeaderChanges.mutate(exchange, chain, (headers) -> {
			for (String[] pair : pairs) {
				if (!headers.containsHeader(pair[0])) {
					headers.add(pair[0], UriVariables.expand(exchange, pair[1]));
				}
			}
		});
	}

}
