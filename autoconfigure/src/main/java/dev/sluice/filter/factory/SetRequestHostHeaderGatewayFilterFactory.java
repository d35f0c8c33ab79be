package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.GatewayAttributes;

import org.springframework.http.HttpHeaders;

/**
 * Sends a given {@code Host} header upstream: {@code SetRequestHostHeader=example.org}. The value
 * may use URI template variables.
 */
public class SetRequestHostHeaderGatewayFilterFactory
		implements GatewayFilterFactory<SetRequestHostHeaderGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		String host = config.host();
		return (exchange, chain) -> {
			exchange.getAttributes().put(GatewayAttributes.PRESERVE_HOST_HEADER, true);
			return HeaderChanges.mutate(exchange, chain,
					(headers) -> headers.set(HttpHeaders.HOST, HeaderChanges.value(exchange, host)));
		};
	}

	/**
	 * Arguments of SetRequestHostHeader.
	 *
	 * @param host the {@code Host} header to send, with URI template variables
	 */
	public record Config(String host) {

	}

}
