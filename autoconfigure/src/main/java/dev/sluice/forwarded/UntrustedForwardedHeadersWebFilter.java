package dev.sluice.forwarded;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Removes every {@code Forwarded} and {@code X-Forwarded-*} header from a request whose peer is not
 * a trusted proxy, before any route predicate, filter or handler of the application sees it: a
 * client cannot claim another address, host or scheme. Runs first among the web filters.
 */
public final class UntrustedForwardedHeadersWebFilter implements WebFilter, Ordered {

	/** Order of this filter: before every other web filter. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private static final String FORWARDED = "Forwarded";

	private static final String X_FORWARDED_PREFIX = "X-Forwarded-";

	private final TrustedProxies trustedProxies;

	public UntrustedForwardedHeadersWebFilter(TrustedProxies trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> names = forwardedHeaderNames(request.getHeaders());
		if (names.isEmpty() || this.trustedProxies.trusts(request.getRemoteAddress())) {
			return chain.filter(exchange);
		}
		ServerHttpRequest stripped = request.mutate().headers((headers) -> names.forEach(headers::remove)).build();
		return chain.filter(exchange.mutate().request(stripped).build());
	}

	/**
	 * Returns the names of the forwarded headers among a request's headers.
	 * @param headers the headers
	 * @return the names, as the request spells them; empty for most requests
	 */
	static List<String> forwardedHeaderNames(HttpHeaders headers) {
		List<String> names = List.of();
		for (String name : headers.headerNames()) {
			if (isForwarded(name)) {
				if (names.isEmpty()) {
					names = new ArrayList<>(2);
				}
				names.add(name);
			}
		}
		return names;
	}

	static boolean isForwarded(String name) {
		return name.equalsIgnoreCase(FORWARDED)
				|| name.regionMatches(true, 0, X_FORWARDED_PREFIX, 0, X_FORWARDED_PREFIX.length());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
