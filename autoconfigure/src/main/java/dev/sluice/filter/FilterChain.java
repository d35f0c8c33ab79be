package dev.sluice.filter;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Runs a list of filters by index, then a terminal step.
 */
public final class FilterChain implements GatewayFilterChain {

	private final List<GatewayFilter> filters;

	private final int index;

	private final GatewayFilterChain terminal;

	public FilterChain(List<GatewayFilter> filters, GatewayFilterChain terminal) {
		this(filters, 0, terminal);
	}

	private FilterChain(List<GatewayFilter> filters, int index, GatewayFilterChain terminal) {
		this.filters = filters;
		this.index = index;
		this.terminal = terminal;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange) {
		if (this.index == this.filters.size()) {
			return this.terminal.filter(exchange);
		}
		return this.filters.get(this.index).filter(exchange, new FilterChain(this.filters, this.index + 1, this.terminal));
	}

}
