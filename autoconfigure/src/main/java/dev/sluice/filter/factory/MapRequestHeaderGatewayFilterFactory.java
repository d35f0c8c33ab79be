package dev.sluice.filter.factory;

import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Copies the values of one request header into another, adding to any it has:
 * {@code MapRequestHeader=Blue,X-Request-Red}. Nothing happens when the source header is absent.
 */
public class MapRequestHeaderGatewayFilterFactory
		implements GatewayFilterFactory<MapRequestHeaderGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		String from = config.fromHeader();
		String to = config.toHeader();
		return (exchange, chain) -> {
			List<String> values = exchange.getRequest().getHeaders().getValuesAsList(from);
			if (values.isEmpty()) {
				return chain.filter(exchange);
			}
			return HeaderChanges.mutate(exchange, chain, (headers) -> headers.addAll(to, values));
		};
	}

	/**
	 * Arguments of MapRequestHeader.
	 *
	 * @param fromHeader the header whose values are copied
	 * @param toHeader the header they are added to
	 */
	public record Config(String fromHeader, String toHeader) {

	}

}
