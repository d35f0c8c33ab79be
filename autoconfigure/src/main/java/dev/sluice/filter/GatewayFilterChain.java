package dev.sluice.filter;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The rest of a route's filter chain, ending in the proxy call.
 */
@FunctionalInterface
public interface GatewayFilterChain {

	Mono<Void> filter(ServerWebExchange exchange);

}
