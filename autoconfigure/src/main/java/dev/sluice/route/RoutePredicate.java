package dev.sluice.route;

import org.springframework.web.server.ServerWebExchange;

/**
 * Decides whether an exchange takes a route. Predicates run on the request thread for every
 * request and must not block.
 */
@FunctionalInterface
public interface RoutePredicate {

	boolean test(ServerWebExchange exchange);

	default RoutePredicate and(RoutePredicate other) {
		return (exchange) -> test(exchange) && other.test(exchange);
	}

}
