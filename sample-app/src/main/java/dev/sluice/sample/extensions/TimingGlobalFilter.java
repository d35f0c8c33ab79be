package dev.sluice.sample.extensions;

import reactor.core.publisher.Mono;

import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.filter.GlobalFilter;

import org.springframework.web.server.ServerWebExchange;

/**
 * A user global filter: every route's response says how long the upstream took to answer, in a
 * {@code X-Upstream-Millis} header. Order 0 puts it before the route filters (1, 2, ...).
 */
public class TimingGlobalFilter implements GlobalFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		long started = System.nanoTime();
		return chain.filter(exchange).then(Mono.fromRunnable(() -> {
			if (!exchange.getResponse().isCommitted()) {
				exchange.getResponse().getHeaders()
					.set("X-Upstream-Millis", Long.toString((System.nanoTime() - started) / 1_000_000));
			}
		}));
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
