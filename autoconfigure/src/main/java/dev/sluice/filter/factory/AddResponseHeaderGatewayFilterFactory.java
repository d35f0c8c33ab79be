package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Adds a header to the response once the upstream has answered:
 * {@code AddResponseHeader=X-Response-Red,blue}. With {@code override} false the header is only
 * added when the upstream did not send a non-blank one. The value may use URI template variables.
 */
public class AddResponseHeaderGatewayFilterFactory
		implements GatewayFilterFactory<AddResponseHeaderGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		String name = config.name();
		String value = config.value();
		boolean override = config.override();
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> {
			if (override || headers.getOrEmpty(name).stream().noneMatch(StringUtils::hasText)) {
				headers.add(name, HeaderChanges.value(exchange, value));
			}
		});
	}

	/**
	 * Arguments of AddResponseHeader.
	 *
	 * @param name the header name
	 * @param value the value
	 * @param override whether to add the header even when the upstream sent one
	 */
	public record Config(String name, String value, @DefaultValue("true") boolean override) {

	}

}
