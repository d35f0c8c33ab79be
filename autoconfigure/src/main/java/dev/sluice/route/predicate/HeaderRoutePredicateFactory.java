package dev.sluice.route.predicate;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Matches requests with a header whose value matches a regular expression
 * ({@code Header=X-Request-Id,\d+}), or that merely have the header when no expression is given.
 */
public class HeaderRoutePredicateFactory implements RoutePredicateFactory<HeaderRoutePredicateFactory.Config> {

	@Override
	public RoutePredicate create(Config config) {
		String header = config.header();
		Pattern regexp = config.regexp();
		return (exchange) -> {
			List<String> values = exchange.getRequest().getHeaders().getValuesAsList(header);
			if (values.isEmpty()) {
				return false;
			}
			if (regexp == null) {
				return true;
			}
			for (String value : values) {
				if (regexp.matcher(value).matches()) {
					return true;
				}
			}
			return false;
		};
	}

	/**
	 * Arguments of Header.
	 *
	 * @param header the header name
	 * @param regexp the regular expression a value must match, or {@code null} for any value
	 */
	public record Config(String header, @Nullable Pattern regexp) {

	}

}
