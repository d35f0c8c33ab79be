package dev.sluice.circuitbreaker;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.forward.Forwarder;
import dev.sluice.http.ErrorResponses;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Runs the rest of the chain inside a circuit breaker. A failure (an error, the time limit, an
 * upstream status named as a failure) or an open circuit forwards the exchange to the fallback,
 * with the response's status and headers put back as they were, so nothing of the failed answer
 * reaches the client; the failed answer's upstream connection is disposed by the proxy when the
 * exchange ends. Without a fallback, an open circuit is a 503, a time limit a 504. The response
 * body is held to the time limit too ({@link BodyDeadlineResponse}).
 */
final class CircuitBreakerGatewayFilter implements GatewayFilter {

	/** Exchange attribute holding the failure that sent an exchange to its fallback. */
	static final String EXECUTION_EXCEPTION = CircuitBreakerGatewayFilter.class.getName() + ".executionException";

	private static final Log logger = LogFactory.getLog(CircuitBreakerGatewayFilter.class);

	private static final String CALL_NOT_PERMITTED = "io.github.resilience4j.circuitbreaker.CallNotPermittedException";

	private final Function<ServerWebExchange, Breaker> breakers;

	private final @Nullable URI fallback;

	private final Set<Integer> failureStatuses;

	private final boolean resumeWithoutError;

	private final Forwarder forwarder;

	CircuitBreakerGatewayFilter(Function<ServerWebExchange, Breaker> breakers, @Nullable URI fallback,
			Set<Integer> failureStatuses, boolean resumeWithoutError, Forwarder forwarder) {
		this.breakers = breakers;
		this.fallback = fallback;
		this.failureStatuses = Set.copyOf(failureStatuses);
		this.resumeWithoutError = resumeWithoutError;
		this.forwarder = forwarder;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Breaker breaker = this.breakers.apply(exchange);
		ServerHttpResponse response = exchange.getResponse();
		HttpStatusCode initialStatus = response.getStatusCode();
		HttpHeaders initialHeaders = new HttpHeaders();
		initialHeaders.addAll(response.getHeaders());
		Duration timeLimit = breaker.timeLimit();
		ServerWebExchange guarded = (timeLimit != null) ? exchange.mutate()
			.response(new BodyDeadlineResponse(response, System.nanoTime() + timeLimit.toNanos(), breaker.name()))
			.build() : exchange;
		Mono<Void> call = chain.filter(guarded).then(Mono.defer(() -> {
			HttpStatusCode status = response.getStatusCode();
			return (status != null && this.failureStatuses.contains(status.value()))
					? Mono.<Void>error(new FailureStatus(status)) : Mono.<Void>empty();
		}));
		return breaker.breaker()
			.run(call, (failure) -> fallback(exchange, breaker.name(), failure, initialStatus, initialHeaders));
	}

	private Mono<Void> fallback(ServerWebExchange exchange, String name, Throwable failure,
			@Nullable HttpStatusCode initialStatus, HttpHeaders initialHeaders) {
		ServerHttpResponse response = exchange.getResponse();
		if (logger.isDebugEnabled()) {
			logger.debug("Circuit breaker '" + name + "': " + describe(failure) + " for "
					+ exchange.getRequest().getPath().value()
					+ ((this.fallback != null) ? ", forwarding to " + this.fallback : ""));
		}
		if (failure instanceof FailureStatus && this.resumeWithoutError && this.fallback == null) {
			return Mono.empty();
		}
		if (response.isCommitted()) {
			return Mono.error(failure);
		}
		if (this.fallback == null) {
			return answerWithoutFallback(exchange, name, failure);
		}
		response.setStatusCode(initialStatus);
		response.getHeaders().clear();
		response.getHeaders().addAll(initialHeaders);
		exchange.getAttributes().put(EXECUTION_EXCEPTION, failure);
		return this.forwarder.forward(exchange, this.fallback);
	}

	private Mono<Void> answerWithoutFallback(ServerWebExchange exchange, String name, Throwable failure) {
		Route route = exchange.getAttribute(GatewayAttributes.ROUTE);
		String routeId = (route != null) ? route.id() : "";
		if (failure instanceof FailureStatus status) {
			HttpStatus resolved = HttpStatus.resolve(status.status.value());
			return ErrorResponses.write(exchange, routeId, (resolved != null) ? resolved : HttpStatus.BAD_GATEWAY,
					"Upstream answered " + status.status.value() + ", a failure for circuit breaker '" + name + "'");
		}
		if (failure instanceof TimeoutException) {
			return ErrorResponses.write(exchange, routeId, HttpStatus.GATEWAY_TIMEOUT,
					"Circuit breaker '" + name + "' timed out");
		}
		if (CALL_NOT_PERMITTED.equals(failure.getClass().getName())) {
			return ErrorResponses.write(exchange, routeId, HttpStatus.SERVICE_UNAVAILABLE,
					"Circuit breaker '" + name + "' is open");
		}
		return Mono.error(failure);
	}

	private static String describe(Throwable failure) {
		return (CALL_NOT_PERMITTED.equals(failure.getClass().getName())) ? "circuit open"
				: failure.getClass().getSimpleName() + ": " + failure.getMessage();
	}

	/**
	 * One circuit breaker, by name.
	 *
	 * @param name the breaker's name
	 * @param breaker the breaker
	 * @param timeLimit its time limit, which the response body is held to, or {@code null}
	 */
	record Breaker(String name, ReactiveCircuitBreaker breaker, @Nullable Duration timeLimit) {
	}

	/**
	 * The upstream answered with a status the breaker counts as a failure.
	 */
	static final class FailureStatus extends RuntimeException {

		private final HttpStatusCode status;

		FailureStatus(HttpStatusCode status) {
			super("Upstream answered " + status.value(), null, false, false);
			this.status = status;
		}

	}

}
