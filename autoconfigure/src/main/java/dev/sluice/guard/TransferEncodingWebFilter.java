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
 * Answers 400, and closes the connection, to a request whose {@code Transfer-Encoding} does not end
 * in {@code chunked}: its body has no length anyone can agree on (RFC 9112 section 6.3). Tomcat
 * refuses such requests itself; Reactor Netty would read the body until the client closes the
 * connection, holding the exchange open meanwhile.
 */
public final class TransferEncodingWebFilter implements WebFilter, Ordered {

	/** Order of this filter: right before the check of the {@code Host} header. */
	public static final int ORDER = HostHeaderWebFilter.ORDER - 1;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> codings = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.TRANSFER_ENCODING);
		if (codings.isEmpty() || endsInChunked(codings.get(codings.size() - 1))) {
			return chain.filter(exchange);
		}
		Mono<Void> refusal = ErrorResponses.write(exchange, "", HttpStatus.BAD_REQUEST,
				"The request's Transfer-Encoding does not end in chunked");
		// The rest of the connection is the body's, of no known length: nothing after it is a request.
		exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
		return refusal;
	}

	private static boolean endsInChunked(String codings) {
		int comma = codings.lastIndexOf(',');
		return codings.substring(comma + 1).strip().equalsIgnoreCase("chunked");
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
