package dev.sluice.forwarded;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.netty.util.AsciiString;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
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

	private static final String REACTOR_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

	private final TrustedProxies trustedProxies;

	public UntrustedForwardedHeadersWebFilter(TrustedProxies trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> names = forwardedHeaderNames(request);
		if (names.isEmpty() || this.trustedProxies.trusts(request.getRemoteAddress())) {
			return chain.filter(exchange);
		}
		ServerHttpRequest stripped = request.mutate().headers((headers) -> names.forEach(headers::remove)).build();
		return chain.filter(exchange.mutate().request(stripped).build());
	}

	/**
	 * Returns the names of the forwarded headers among a request's headers.
	 * @param request the request
	 * @return the names, as the request spells them; empty for most requests
	 */
	static List<String> forwardedHeaderNames(ServerHttpRequest request) {
		// The headers of a request as Reactor Netty's adapter built it are Reactor Netty's own, walked
		// here without a copy: Spring's view of the names builds two maps of them on every request.
		if (request.getClass().getName().equals(REACTOR_REQUEST)
				&& ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty) {
			List<String> names = List.of();
			Iterator<Map.Entry<CharSequence, CharSequence>> headers = netty.requestHeaders().iteratorCharSequence();
			while (headers.hasNext()) {
				names = addIfForwarded(names, headers.next().getKey());
			}
			return names;
		}
		List<String> names = List.of();
		for (String name : request.getHeaders().headerNames()) {
			names = addIfForwarded(names, name);
		}
		return names;
	}

	private static List<String> addIfForwarded(List<String> names, CharSequence name) {
		if (!isForwarded(name)) {
			return names;
		}
		List<String> more = names.isEmpty() ? new ArrayList<>(2) : names;
		more.add(name.toString());
		return more;
	}

	static boolean isForwarded(CharSequence name) {
		return AsciiString.contentEqualsIgnoreCase(name, FORWARDED)
				|| AsciiString.regionMatches(name, true, 0, X_FORWARDED_PREFIX, 0, X_FORWARDED_PREFIX.length());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
