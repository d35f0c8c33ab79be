package dev.sluice.guard;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.sluice.http.ErrorResponses;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers 400 to a request with more than one {@code Host} header or with one that is not a host
 * and optional port (RFC 9110 section 7.2, RFC 3986 section 3.2.2). Tomcat refuses such requests
 * itself; Reactor Netty passes {@code evil.example/x?} and {@code gw@evil} on, and they would reach
 * the request's URI, the upstream with a preserved host, and headers such as a rewritten
 * {@code Location}.
 */
public final class HostHeaderWebFilter implements WebFilter, Ordered {

	/** Order of this filter: right before the refusal of dot-segments. */
	public static final int ORDER = DotSegmentsWebFilter.ORDER - 1;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> hosts = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.HOST);
		if (hosts.size() > 1) {
			return ErrorResponses.write(exchange, "", HttpStatus.BAD_REQUEST, "The request has more than one Host header");
		}
		if (hosts.size() == 1 && !isValid(hosts.get(0))) {
			return ErrorResponses.write(exchange, "", HttpStatus.BAD_REQUEST, "The Host header is not a host and port");
		}
		return chain.filter(exchange);
	}

	/**
	 * Returns whether a {@code Host} header is a host, an IP literal in brackets or a registered
	 * name, with an optional port. An empty one is valid: the request's target has no authority.
	 * @param host the header's value
	 * @return whether it is valid
	 */
	static boolean isValid(String host) {
		int end = host.length();
		int colon = host.lastIndexOf(':');
		if (colon >= 0 && host.indexOf(']', colon) < 0) {
			if (!isPort(host, colon + 1)) {
				return false;
			}
			end = colon;
		}
		if (end > 0 && host.charAt(0) == '[') {
			return host.charAt(end - 1) == ']' && isIpLiteral(host, 1, end - 1);
		}
		return isRegisteredName(host, end);
	}

	private static boolean isPort(String host, int from) {
		if (host.length() - from > 5) {
			return false;
		}
		for (int i = from; i < host.length(); i++) {
			if (host.charAt(i) < '0' || host.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	private static boolean isIpLiteral(String host, int from, int to) {
		if (from >= to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = host.charAt(i);
			if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
				return false;
			}
		}
		return true;
	}

	// reg-name = *( unreserved / pct-encoded / sub-delims )
	private static boolean isRegisteredName(String host, int end) {
		for (int i = 0; i < end; i++) {
			char c = host.charAt(i);
			if (c == '%') {
				if (i + 2 >= end || Character.digit(host.charAt(i + 1), 16) < 0 || Character.digit(host.charAt(i + 2), 16) < 0) {
					return false;
				}
				i += 2;
			}
			else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-._~!$&'()*+,;=".indexOf(c) >= 0)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
