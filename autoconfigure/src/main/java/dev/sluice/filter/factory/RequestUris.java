package dev.sluice.filter.factory;

import java.net.URI;
import java.net.URISyntaxException;

import dev.sluice.filter.GatewayFilterChain;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes an exchange on with a new raw path or raw query, keeping the rest of its URI and its
 * encoding byte for byte.
 */
final class RequestUris {

	private RequestUris() {
	}

	static Mono<Void> withPath(ServerWebExchange exchange, GatewayFilterChain chain, String rawPath) {
		ServerHttpRequest request = exchange.getRequest();
		return chain.filter(exchange.mutate().request(request.mutate().path(rawPath).build()).build());
	}

	static Mono<Void> withQuery(ServerWebExchange exchange, GatewayFilterChain chain, String rawQuery) {
		URI uri = exchange.getRequest().getURI();
		StringBuilder text = new StringBuilder(uri.getScheme()).append("://").append(uri.getRawAuthority())
			.append(uri.getRawPath());
		if (rawQuery != null && !rawQuery.isEmpty()) {
			text.append('?').append(rawQuery);
		}
		URI changed;
		try {
			changed = new URI(text.toString());
		}
		catch (URISyntaxException ex) {
			return Mono.error(new IllegalStateException("Cannot rebuild request URI " + text, ex));
		}
		return chain.filter(exchange.mutate().request((request) -> request.uri(changed)).build());
	}

}
