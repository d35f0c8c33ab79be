package dev.sluice.proxy;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dev.sluice.http.ErrorResponses;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;
import dev.sluice.server.servlet.ServletResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a failed proxy call with its status and a short JSON body naming the route and path, or,
 * when the response is already committed, aborts it so that a half-written body never reads as a
 * success. Each failure is logged, at most once per interval for one kind ({@link UpstreamFailureLog}).
 */
final class GatewayErrorResponder {

	private static final Log logger = LogFactory.getLog(GatewayErrorResponder.class);

	private final UpstreamFailureLog failures = new UpstreamFailureLog();

	Mono<Void> respond(ServerWebExchange exchange, Route route, UpstreamFailure failure) {
		URI upstream = exchange.getAttribute(GatewayAttributes.UPSTREAM_BASE_URI);
		this.failures.log(route, (upstream != null) ? upstream : route.uri(), failure,
				exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value());
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// The status is gone: abort the response so that a truncated body never reads as
			// complete. The server closes the connection when the handler fails, a Servlet
			// container only if it has committed the response too.
			ServletResponses.commit(response);
			return Mono.error(failure.detached());
		}
		return ErrorResponses.write(exchange, route.id(), failure.getStatus(), failure.getMessage());
	}

	/**
	 * Ends an exchange whose request body failed; the upstream request has been aborted. The
	 * server answers the client, not the gateway: Reactor Netty and Tomcat answer 400 themselves
	 * to a body they fail to decode, and any other failure of the body means that the client has
	 * gone or that the server has closed the connection. A write here would race their answer.
	 * A body that stalled is answered here with 408, and the connection closed.
	 */
	Mono<Void> bodyFailed(ServerWebExchange exchange, Route route, RequestBodyFailure failure) {
		if (logger.isDebugEnabled()) {
			logger.debug("Route " + route.id() + ": " + failure.getMessage() + " for "
					+ exchange.getRequest().getPath().value(), failure.getCause());
		}
		if (failure.isTimeout() && !exchange.getResponse().isCommitted()) {
			exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
			return ErrorResponses.write(exchange, route.id(), HttpStatus.REQUEST_TIMEOUT, "Request body timed out");
		}
		return Mono.empty();
	}

}
