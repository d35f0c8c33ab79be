package dev.sluice.route.predicate;

import java.util.List;
import java.util.Set;

import dev.sluice.arguments.ShortcutType;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

import org.springframework.http.HttpMethod;

/**
 * Matches requests made with one of the given methods: {@code Method=GET,POST}.
 */
public class MethodRoutePredicateFactory implements RoutePredicateFactory<MethodRoutePredicateFactory.Config> {

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(Config config) {
		Set<HttpMethod> methods = Set.copyOf(config.methods());
		return (exchange) -> methods.contains(exchange.getRequest().getMethod());
	}

	/**
	 * Arguments of Method.
	 *
	 * @param methods the methods, in any case
	 */
	public record Config(List<HttpMethod> methods) {

	}

}
