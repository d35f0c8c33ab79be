package dev.sluice.filter;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * A filter with an explicit order, used to place route filters among global filters.
 *
 * @param delegate the filter
 * @param order its order
 */
public record OrderedGatewayFilter(GatewayFilter delegate, int order) implements GatewayFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return this.delegate.filter(exchange, chain);
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
