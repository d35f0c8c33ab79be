package dev.sluice.circuitbreaker;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

/**
 * Stands in for the {@code CircuitBreaker} filter when Spring Cloud CircuitBreaker is not on the
 * classpath: a route that uses it fails startup, naming the dependency to add.
 */
public class MissingCircuitBreakerGatewayFilterFactory implements GatewayFilterFactory<MissingCircuitBreakerGatewayFilterFactory.Config> {

	@Override
	public String name() {
		return "CircuitBreaker";
	}

	@Override
	public int shortcutArgumentCount() {
		return 1;
	}

	@Override
	public GatewayFilter create(Config config) {
		throw new InvalidArgumentException("name", "the CircuitBreaker filter needs Spring Cloud CircuitBreaker: add "
				+ "org.springframework.cloud:spring-cloud-starter-circuitbreaker-reactor-resilience4j "
				+ "(version from the Spring Cloud BOM) to the application");
	}

	/**
	 * The arguments of the real filter, accepted so that the failure names the dependency rather
	 * than an argument.
	 *
	 * @param name the circuit breaker's name
	 * @param fallbackUri the fallback
	 * @param statusCodes statuses that count as failures
	 * @param resumeWithoutError whether a failure status goes to the client as it is
	 */
	public record Config(@Nullable String name, @Nullable String fallbackUri, @Nullable List<String> statusCodes,
			@Nullable String resumeWithoutError) {

	}

}
