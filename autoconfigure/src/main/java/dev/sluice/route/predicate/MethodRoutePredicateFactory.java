package dev.sluice.route.predicate;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.sluice.route.Arguments;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;
import dev.sluice.route.ShortcutType;

import org.springframework.http.HttpMethod;

/**
 * Matches requests made with one of the given methods: {@code Method=GET,POST}.
 */
public class MethodRoutePredicateFactory implements RoutePredicateFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("methods");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(Arguments arguments) {
		Set<HttpMethod> methods = arguments.list("methods").stream()
			.map((method) -> HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT)))
			.collect(Collectors.toUnmodifiableSet());
		return (exchange) -> methods.contains(exchange.getRequest().getMethod());
	}

}
