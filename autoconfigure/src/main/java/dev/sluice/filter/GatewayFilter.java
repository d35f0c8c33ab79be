package dev.sluice.filter;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Intercepts a proxied exchange. Work before {@code chain.filter(exchange)} changes the request
 * that goes upstream; work after it sees the upstream's status and headers before the body is
 * written to the client.
 */
@FunctionalInterface
public interface GatewayFilter {

	Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain);

}
