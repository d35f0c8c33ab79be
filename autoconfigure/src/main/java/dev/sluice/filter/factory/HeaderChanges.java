package dev.sluice.filter.factory;

import java.util.function.Consumer;

import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.route.UriVariables;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Changes request headers on the way upstream and response headers on the way back. A value made
 * from a template with a control character in it, which only the request's own variables can bring
 * ({@code %0d%0a} in a path segment), refuses the request with a 400: sent on, it would split a
 * header in two, and Netty refuses to write it anyway.
 */
final class HeaderChanges {

	private static final String UNSAFE = "A header value made from the request would hold a control character";

	private HeaderChanges() {
	}

	/**
	 * Expands a header value's URI template variables.
	 * @param exchange the exchange
	 * @param template the value, with URI template variables
	 * @return the value
	 * @throws UnsafeValueException if the value holds a control character other than a tab
	 */
	static String value(ServerWebExchange exchange, String template) {
		String value = UriVariables.expand(exchange, template);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7F) {
				throw new UnsafeValueException();
			}
		}
		return value;
	}

	static Mono<Void> mutate(ServerWebExchange exchange, GatewayFilterChain chain, Consumer<HttpHeaders> change) {
		ServerWebExchange changed;
		try {
			changed = exchange.mutate().request((request) -> request.headers(change)).build();
		}
		catch (UnsafeValueException ex) {
			return Refusals.refuse(exchange, HttpStatus.BAD_REQUEST, null, UNSAFE);
		}
		return chain.filter(changed);
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
		return chain.filter(exchange).then(Mono.defer(() -> {
			if (exchange.getResponse().isCommitted()) {
				return Mono.empty();
			}
			try {
				change.accept(exchange.getResponse().getHeaders());
				return Mono.empty();
			}
			catch (UnsafeValueException ex) {
				// The upstream's body is not written: the answer is committed by then.
				return Refusals.refuse(exchange, HttpStatus.BAD_REQUEST, null, UNSAFE);
			}
		}));
	}

	/** A header value that must not be sent. */
	static final class UnsafeValueException extends RuntimeException {

		UnsafeValueException() {
			super(UNSAFE, null, false, false);
		}

	}

}
