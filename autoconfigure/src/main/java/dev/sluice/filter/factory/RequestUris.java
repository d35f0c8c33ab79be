package dev.sluice.filter.factory;

import java.net.URI;
import java.net.URISyntaxException;

import dev.sluice.filter.GatewayFilterChain;
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
		URI uri = exchange.getRequest().getURI();
		return withUri(exchange, chain, uri, rawPath, uri.getRawQuery());
	}

	static Mono<Void> withQuery(ServerWebExchange exchange, GatewayFilterChain chain, String rawQuery) {
		URI uri = exchange.getRequest().getURI();
		return withUri(exchange, chain, uri, uri.getRawPath(), rawQuery);
	}

	private static Mono<Void> withUri(ServerWebExchange exchange, GatewayFilterChain chain, URI uri, String rawPath,
			String rawQuery) {
		StringBuilder text = new StringBuilder(128).append(uri.getScheme())
			.append("://")
			.append(uri.getRawAuthority())
			.append(rawPath);
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
		return chain.filter(exchange.mutate().request(new RewrittenUriRequest(exchange.getRequest(), changed)).build());
	}

}
