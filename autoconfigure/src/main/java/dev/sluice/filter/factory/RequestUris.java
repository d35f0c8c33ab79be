package dev.sluice.filter.factory;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.http.RawUris;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Passes an exchange on with a new raw path or raw query, keeping the rest of its URI and its
 * encoding byte for byte.
 */
final class RequestUris {

	private RequestUris() {
	}

	static Mono<Void> withPath(ServerWebExchange exchange, GatewayFilterChain chain, String rawPath) {
		return withUri(exchange, chain, rawPath, exchange.getRequest().getURI().getRawQuery());
	}

	static Mono<Void> withQuery(ServerWebExchange exchange, GatewayFilterChain chain, String rawQuery) {
		return withUri(exchange, chain, exchange.getRequest().getURI().getRawPath(), rawQuery);
	}

	private static Mono<Void> withUri(ServerWebExchange exchange, GatewayFilterChain chain, String rawPath,
			@Nullable String rawQuery) {
		URI changed;
		try {
			// An empty query is dropped with its '?': a filter that removed the last parameter.
			changed = RawUris.of(exchange.getRequest().getURI(), rawPath,
					(rawQuery == null || rawQuery.isEmpty()) ? null : rawQuery);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(new IllegalStateException(
					"Cannot rebuild request URI with path " + rawPath + " and query " + rawQuery, ex));
		}
		return chain.filter(exchange.mutate().request(new RewrittenUriRequest(exchange.getRequest(), changed)).build());
	}

}
