package dev.sluice.guard;

import reactor.core.publisher.Mono;

import dev.sluice.http.ErrorResponses;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers 400 to a request whose path holds a dot-segment ({@link DotSegments}), before any route
 * predicate sees it: {@code Path=/public/**} must not let {@code /public/../admin} through to an
 * upstream that resolves it to {@code /admin}.
 */
public final class DotSegmentsWebFilter implements WebFilter, Ordered {

	/** Order of this filter: right after the removal of untrusted forwarded headers. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String segment = DotSegments.find(exchange.getRequest().getURI().getRawPath());
		if (segment == null) {
			return chain.filter(exchange);
		}
		return ErrorResponses.write(exchange, "", HttpStatus.BAD_REQUEST,
				"The path holds the dot-segment '" + segment + "', which the gateway does not pass on");
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
