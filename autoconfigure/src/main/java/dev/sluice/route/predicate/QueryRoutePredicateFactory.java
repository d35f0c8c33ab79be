package dev.sluice.route.predicate;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Matches requests with a query parameter ({@code Query=green}) or with a query parameter whose
 * value matches a regular expression ({@code Query=red,gree.}).
 */
public class QueryRoutePredicateFactory implements RoutePredicateFactory<QueryRoutePredicateFactory.Config> {

	@Override
	public RoutePredicate create(Config config) {
		String param = config.param();
		Pattern regexp = config.regexp();
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

	/**
	 * Arguments of Query.
	 *
	 * @param param the query parameter name
	 * @param regexp the regular expression a value must match, or {@code null} for any value
	 */
	public record Config(String param, @Nullable Pattern regexp) {

	}

}
