package dev.sluice.filter.factory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

/**
 * Removes duplicate values of response headers, named in a space-separated list:
 * {@code DedupeResponseHeader=Access-Control-Allow-Credentials Access-Control-Allow-Origin,RETAIN_FIRST}.
 */
public class DedupeResponseHeaderGatewayFilterFactory
		implements GatewayFilterFactory<DedupeResponseHeaderGatewayFilterFactory.Config> {

	/**
	 * Which values survive.
	 */
	public enum Strategy {

		/** Keep only the first value. */
		RETAIN_FIRST,

		/** Keep only the last value. */
		RETAIN_LAST,

		/** Keep each distinct value once, in order of first appearance. */
		RETAIN_UNIQUE

	}

	@Override
	public GatewayFilter create(Config config) {
		String[] names = StringUtils.tokenizeToStringArray(config.name(), " ");
		Strategy strategy = config.strategy();
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> {
			for (String name : names) {
				dedupe(headers, name, strategy);
			}
		});
	}

	private static void dedupe(HttpHeaders headers, String name, Strategy strategy) {
		List<String> values = headers.get(name);
		if (values == null || values.size() <= 1) {
			return;
		}
		List<String> kept = switch (strategy) {
			case RETAIN_FIRST -> List.of(values.get(0));
			case RETAIN_LAST -> List.of(values.get(values.size() - 1));
			case RETAIN_UNIQUE -> new ArrayList<>(new LinkedHashSet<>(values));
		};
		headers.put(name, kept);
	}

	/**
	 * Arguments of DedupeResponseHeader.
	 *
	 * @param name the header names, separated by spaces
	 * @param strategy which values survive
	 */
	public record Config(String name, @DefaultValue("RETAIN_FIRST") Strategy strategy) {

	}

}
