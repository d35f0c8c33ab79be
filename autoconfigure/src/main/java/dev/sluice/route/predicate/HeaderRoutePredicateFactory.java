package dev.sluice.route.predicate;

import java.util.List;
import java.util.regex.Pattern;

import dev.sluice.route.Arguments;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Matches requests with a header whose value matches a regular expression
 * ({@code Header=X-Request-Id,\d+}), or that merely have the header when no expression is given.
 */
public class HeaderRoutePredicateFactory implements RoutePredicateFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("header", "regexp");
	}

	@Override
	public RoutePredicate create(Arguments arguments) {
		String header = arguments.required("header");
		Pattern regexp = arguments.optionalRegex("regexp");
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

}
