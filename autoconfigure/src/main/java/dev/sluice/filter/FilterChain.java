package dev.sluice.filter;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Runs an array of filters by index, then a terminal step.
 */
public final class FilterChain implements GatewayFilterChain {

	private final GatewayFilter[] filters;

	private final int index;

	private final GatewayFilterChain terminal;

	public FilterChain(GatewayFilter[] filters, GatewayFilterChain terminal) {
		this(filters, 0, terminal);
	}

	private FilterChain(GatewayFilter[] filters, int index, GatewayFilterChain terminal) {
		this.filters = filters;
		this.index = index;
		this.terminal = terminal;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange) {
		if (this.index == this.filters.length) {
			return this.terminal.filter(exchange);
		}
		return this.filters[this.index].filter(exchange, new FilterChain(this.filters, this.index + 1, this.terminal));
	}

}
