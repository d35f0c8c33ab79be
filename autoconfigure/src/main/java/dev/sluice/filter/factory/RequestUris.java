package dev.sluice.filter.factory;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.guard.DotSegments;
import dev.sluice.http.RawUris;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes an exchange on with a new raw path or raw query, keeping the rest of its URI and its
 * encoding byte for byte.
 */
final class RequestUris {

	private RequestUris() {
	}

	/**
	 * Passes an exchange on with a new raw path, or answers 400 if the new path holds a
	 * dot-segment that the received one did not: a template variable or a regular expression's
	 * group must not walk the upstream request out of the path the route allowed.
	 */
	static Mono<Void> withPath(ServerWebExchange exchange, GatewayFilterChain chain, String rawPath) {
		URI received = exchange.getRequest().getURI();
		String segment = DotSegments.find(rawPath);
		if (segment != null && DotSegments.find(received.getRawPath()) == null) {
			return Refusals.refuse(exchange, HttpStatus.BAD_REQUEST, null,
					"The rewritten path holds the dot-segment '" + segment + "', which the gateway does not pass on");
		}
		return withUri(exchange, chain, rawPath, received.getRawQuery());
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
