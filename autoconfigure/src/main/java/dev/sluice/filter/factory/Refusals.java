package dev.sluice.filter.factory;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.sluice.http.ErrorResponses;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request a filter refuses, as Spring Cloud Gateway does (the reason in a response
 * header) and as the rest of the gateway does (a short JSON body).
 */
final class Refusals {

	private Refusals() {
	}

	/**
	 * Answers a refused request.
	 * @param exchange the exchange
	 * @param status the status
	 * @param errorHeaderName the response header that carries the message, or {@code null} for none
	 * @param message why the request is refused
	 * @return completion of the write
	 */
	static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, @Nullable String errorHeaderName,
			String message) {
		Route route = exchange.getAttribute(GatewayAttributes.ROUTE);
		Mono<Void> write = ErrorResponses.write(exchange, (route != null) ? route.id() : "", status, message);
		if (errorHeaderName != null) {
			exchange.getResponse().getHeaders().set(errorHeaderName, message);
		}
		return write;
	}

}
