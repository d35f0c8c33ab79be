package dev.sluice.circuitbreaker;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.forward.Forwarder;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpStatusCode;

/**
 * Runs the rest of the chain, the upstream call included, inside a Spring Cloud circuit breaker, with
 * Spring Cloud Gateway's arguments: {@code CircuitBreaker=myCb}, or {@code name}, {@code fallbackUri}
 * ({@code forward:/path}), {@code statusCodes} (upstream statuses that count as failures) and
 * {@code resumeWithoutError}. With Resilience4j, the breaker and its time limiter are configured by
 * {@code resilience4j.circuitbreaker.instances.<name>} and {@code resilience4j.timelimiter.instances.<name>}.
 */
public class CircuitBreakerGatewayFilterFactory
		implements GatewayFilterFactory<CircuitBreakerGatewayFilterFactory.Config> {

	private final ReactiveCircuitBreakerFactory<?, ?> breakers;

	private final Forwarder forwarder;

	private final TimeLimits timeLimits;

	/**
	 * Creates the factory.
	 * @param breakers Spring Cloud's circuit breaker factory
	 * @param forwarder how fallbacks reach the application's handlers
	 * @param timeLimits the time limit of the breaker of each name, which the response body is held
	 * to as well
	 */
	public CircuitBreakerGatewayFilterFactory(ReactiveCircuitBreakerFactory<?, ?> breakers, Forwarder forwarder,
			TimeLimits timeLimits) {
		this.breakers = breakers;
		this.forwarder = forwarder;
		this.timeLimits = timeLimits;
	}

	/**
	 * Returns the number of shortcut positions: the name only, as in Spring Cloud Gateway.
	 */
	@Override
	public int shortcutArgumentCount() {
		return 1;
	}

	@Override
	public GatewayFilter create(Config config) {
		URI fallback = config.fallbackUri();
		if (fallback != null && !Forwarder.isForward(fallback)) {
			throw new InvalidArgumentException("fallbackUri",
					"fallbackUri must be a forward:/path to a handler of the application but was '" + fallback + "'");
		}
		Set<Integer> statuses = config.statusCodes().stream().map(HttpStatusCode::value).collect(Collectors.toSet());
		return new CircuitBreakerGatewayFilter(config.name(), this.breakers.create(config.name()), fallback, statuses,
				config.resumeWithoutError(), this.forwarder, this.timeLimits.of(config.name()));
	}

	/**
	 * Arguments of CircuitBreaker, in Spring Cloud Gateway's shortcut order.
	 *
	 * @param name the circuit breaker's name, which selects its configuration
	 * @param fallbackUri where a failed or refused call is forwarded, {@code forward:/path}, or
	 * {@code null} to answer with an error
	 * @param statusCodes upstream statuses, as numbers or names, that count as failures
	 * @param resumeWithoutError whether an upstream answer with one of those statuses goes to the
	 * client as it is when there is no fallback
	 */
	public record Config(String name, @Nullable URI fallbackUri, @DefaultValue List<HttpStatusCode> statusCodes,
			@DefaultValue("false") boolean resumeWithoutError) {

	}

}
