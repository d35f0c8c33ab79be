package dev.sluice.route.predicate;

import java.util.List;
import java.util.regex.Pattern;

import dev.sluice.route.Arguments;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Matches requests with a query parameter ({@code Query=green}) or with a query parameter whose
 * value matches a regular expression ({@code Query=red,gree.}).
 */
public class QueryRoutePredicateFactory implements RoutePredicateFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("param", "regexp");
	}

	@Override
	public RoutePredicate create(Arguments arguments) {
		String param = arguments.required("param");
		Pattern regexp = arguments.optionalRegex("regexp");
		return (exchange) -> {
			List<String> values = exchange.getRequest().getQueryParams().get(param);
			if (values == null) {
				return false;
			}
			if (regexp == null) {
				return true;
			}
			for (String value : values) {
				if (value != null && regexp.matcher(value).matches()) {
					return true;
				}
			}
			return false;
		};
	}

}
