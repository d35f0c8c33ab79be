package dev.sluice.route.predicate;

import java.util.List;
import java.util.regex.Pattern;

import dev.sluice.route.Arguments;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

import org.springframework.http.HttpCookie;

/**
 * Matches requests with a cookie of a given name whose value matches a regular expression:
 * {@code Cookie=chocolate,ch.p}.
 */
public class CookieRoutePredicateFactory implements RoutePredicateFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name", "regexp");
	}

	@Override
	public RoutePredicate create(Arguments arguments) {
		String name = arguments.required("name");
		Pattern regexp = arguments.regex("regexp");
		return (exchange) -> {
			List<HttpCookie> cookies = exchange.getRequest().getCookies().get(name);
			if (cookies == null) {
				return false;
			}
			for (HttpCookie cookie : cookies) {
				if (regexp.matcher(cookie.getValue()).matches()) {
					return true;
				}
			}
			return false;
		};
	}

}
