package dev.sluice.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.circuitbreaker.CircuitBreakerGatewayFilterFactory;
import dev.sluice.circuitbreaker.MissingCircuitBreakerGatewayFilterFactory;
import dev.sluice.circuitbreaker.TimeLimits;
import dev.sluice.forward.ForwardRoutingFilter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceCircuitBreakerAutoConfiguration} and {@link SluiceForwardAutoConfiguration}.
 */
class SluiceCircuitBreakerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceCircuitBreakerAutoConfiguration.class,
				SluiceForwardAutoConfiguration.class, SluiceAutoConfiguration.class,
				SluiceHttpClientAutoConfiguration.class, SluiceServerAutoConfiguration.class,
				SluiceBufferAutoConfiguration.class, ReactiveResilience4JAutoConfiguration.class,
				io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration.class,
				io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration.class,
				io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration.class))
		.withPropertyValues("sluice.routes[0].id=users", "sluice.routes[0].uri=http://127.0.0.1:9000",
				"sluice.routes[0].predicates[0]=Path=/users/**", "sluice.routes[0].filters[0]=CircuitBreaker=usersCb",
				"resilience4j.timelimiter.instances.usersCb.timeout-duration=750ms");

	@Test
	void configuresTheFilterWithResilience4jAndItsTimeLimits() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(CircuitBreakerGatewayFilterFactory.class)
				.doesNotHaveBean(MissingCircuitBreakerGatewayFilterFactory.class)
				.hasSingleBean(ForwardRoutingFilter.class);
			assertThat(context.getBean(TimeLimits.class).of("usersCb")).hasMillis(750);
		});
	}

	@Test
	void failsStartupNamingTheDependencyWithoutSpringCloudCircuitBreaker() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveCircuitBreakerFactory.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (!(failure instanceof RouteDefinitionException) && failure.getCause() != null) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(RouteDefinitionException.class)
					.hasMessageContaining("sluice.routes[0].filters[0]")
					.hasMessageContaining("org.springframework.cloud:spring-cloud-starter-circuitbreaker-reactor-resilience4j");
			});
	}

	@Test
	void compilesAForwardRoute() {
		this.contextRunner.withPropertyValues("sluice.routes[0].uri=forward:/local", "sluice.routes[0].filters=")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
