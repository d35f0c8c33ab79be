package dev.sluice.route.predicate;

import java.util.List;
import java.util.regex.Pattern;

import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

import org.springframework.http.HttpCookie;

/**
 * Matches requests with a cookie of a given name whose value matches a regular expression:
 * {@code Cookie=chocolate,ch.p}.
 */
public class CookieRoutePredicateFactory implements RoutePredicateFactory<CookieRoutePredicateFactory.Config> {

	@Override
	public RoutePredicate create(Config config) {
		String name = config.name();
		Pattern regexp = config.regexp();
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

	/**
	 * Arguments of Cookie.
	 *
	 * @param name the cookie name
	 * @param regexp the regular expression a value must match
	 */
	public record Config(String name, Pattern regexp) {

	}

}
