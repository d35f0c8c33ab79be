package dev.sluice.filter.factory;

import java.util.function.Consumer;

import dev.sluice.filter.GatewayFilterChain;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Changes request headers on the way upstream and response headers on the way back.
 */
final class HeaderChanges {

	private HeaderChanges() {
	}

	static Mono<Void> mutate(ServerWebExchange exchange, GatewayFilterChain chain, Consumer<HttpHeaders> change) {
		return chain.filter(exchange.mutate().request((request) -> request.headers(change)).build());
	}

	/**
	 * Runs a change on the response headers once the upstream's have been copied, unless the
	 * response is already committed.
	 * @param exchange the exchange
	 * @param chain the rest of the chain
	 * @param change the change
	 * @return completion
	 */
	static Mono<Void> afterResponse(ServerWebExchange exchange, GatewayFilterChain chain, Consumer<HttpHeaders> change) {
		return chain.filter(exchange).then(Mono.fromRunnable(() -> {
			if (!exchange.getResponse().isCommitted()) {
				change.accept(exchange.getResponse().getHeaders());
			}
		}));
	}

}
