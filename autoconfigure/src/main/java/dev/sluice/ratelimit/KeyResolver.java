package dev.sluice.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the key a request is counted under, such as the user or the API key it comes with. A bean
 * of this type is used by name in a route, as in Spring Cloud Gateway:
 * {@code key-resolver: "#{@userKeyResolver}"}.
 */
@FunctionalInterface
public interface KeyResolver {

	/**
	 * Resolves the key of an exchange.
	 * @param exchange the exchange
	 * @return the key, or empty when the request has none
	 */
	Mono<String> resolve(ServerWebExchange exchange);

}
