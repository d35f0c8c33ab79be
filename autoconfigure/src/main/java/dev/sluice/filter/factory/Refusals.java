package dev.sluice.filter.factory;

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

	static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String errorHeaderName, String message) {
		Route route = exchange.getAttribute(GatewayAttributes.ROUTE);
		Mono<Void> write = ErrorResponses.write(exchange, (route != null) ? route.id() : "", status, message);
		exchange.getResponse().getHeaders().set(errorHeaderName, message);
		return write;
	}

}
