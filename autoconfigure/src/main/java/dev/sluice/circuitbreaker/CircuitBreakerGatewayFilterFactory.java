package dev.sluice.circuitbreaker;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.forward.Forwarder;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

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
		return new CircuitBreakerGatewayFilter(breakers(config.name()), fallback, statuses, config.resumeWithoutError(),
				this.forwarder);
	}

	/**
	 * Returns the breaker of each exchange: the named one, or without a name, as in Spring Cloud
	 * Gateway, the one named after the exchange's route, created on its first use.
	 */
	private Function<ServerWebExchange, CircuitBreakerGatewayFilter.Breaker> breakers(@Nullable String name) {
		if (StringUtils.hasText(name)) {
			CircuitBreakerGatewayFilter.Breaker breaker = breaker(name);
			return (exchange) -> breaker;
		}
		Map<String, CircuitBreakerGatewayFilter.Breaker> byRoute = new ConcurrentHashMap<>();
		return (exchange) -> {
			Route route = exchange.getAttribute(GatewayAttributes.ROUTE);
			return byRoute.computeIfAbsent((route != null) ? route.id() : "default", this::breaker);
		};
	}

	private CircuitBreakerGatewayFilter.Breaker breaker(String name) {
		return new CircuitBreakerGatewayFilter.Breaker(name, this.breakers.create(name), this.timeLimits.of(name));
	}

	/**
	 * Arguments of CircuitBreaker, in Spring Cloud Gateway's shortcut order.
	 *
	 * @param name the circuit breaker's name, which selects its configuration; without one, the
	 * route's id
	 * @param fallbackUri where a failed or refused call is forwarded, {@code forward:/path}, or
	 * {@code null} to answer with an error
	 * @param statusCodes upstream statuses, as numbers or names, that count as failures
	 * @param resumeWithoutError whether an upstream answer with one of those statuses goes to the
	 * client as it is when there is no fallback
	 */
	public record Config(@Nullable String name, @Nullable URI fallbackUri, @DefaultValue List<HttpStatusCode> statusCodes,
			@DefaultValue("false") boolean resumeWithoutError) {

	}

}
