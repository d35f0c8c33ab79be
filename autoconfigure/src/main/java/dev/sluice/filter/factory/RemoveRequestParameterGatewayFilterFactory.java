package dev.sluice.filter.factory;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.web.util.UriUtils;

/**
 * Removes every occurrence of a query parameter before the request goes upstream, leaving the
 * others exactly as sent: {@code RemoveRequestParameter=red}.
 */
public class RemoveRequestParameterGatewayFilterFactory implements GatewayFilterFactory<NameConfig> {

	@Override
	public GatewayFilter create(NameConfig config) {
		String name = config.name();
		return (exchange, chain) -> {
			String query = exchange.getRequest().getURI().getRawQuery();
			if (query == null) {
				return chain.filter(exchange);
			}
			StringJoiner kept = new StringJoiner("&");
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				String rawName = (eq < 0) ? pair : pair.substring(0, eq);
				if (!name.equals(UriUtils.decode(rawName.replace("+", " "), StandardCharsets.UTF_8))) {
					kept.add(pair);
				}
			}
			return RequestUris.withQuery(exchange, chain, kept.toString());
		};
	}

}
