package dev.sluice.autoconfigure;

import dev.sluice.circuitbreaker.CircuitBreakerGatewayFilterFactory;
import dev.sluice.circuitbreaker.FallbackHeadersGatewayFilterFactory;
import dev.sluice.circuitbreaker.MissingCircuitBreakerGatewayFilterFactory;
import dev.sluice.circuitbreaker.TimeLimits;
import dev.sluice.forward.Forwarder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code CircuitBreaker} filter, backed by Spring Cloud CircuitBreaker's
 * reactive factory when there is one (Resilience4j's, from
 * {@code spring-cloud-starter-circuitbreaker-reactor-resilience4j}). Without it, a route that uses the
 * filter fails startup naming that dependency.
 */
@AutoConfiguration(after = SluiceForwardAutoConfiguration.class,
		afterName = "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
public final class SluiceCircuitBreakerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(type = { "org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory",
			"dev.sluice.circuitbreaker.CircuitBreakerGatewayFilterFactory" })
	MissingCircuitBreakerGatewayFilterFactory missingCircuitBreakerGatewayFilterFactory() {
		return new MissingCircuitBreakerGatewayFilterFactory();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory")
	@ConditionalOnBean(type = "org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory")
	static class CircuitBreakerFilterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CircuitBreakerGatewayFilterFactory circuitBreakerGatewayFilterFactory(ReactiveCircuitBreakerFactory<?, ?> breakers,
				Forwarder sluiceForwarder, ObjectProvider<TimeLimits> timeLimits) {
			return new CircuitBreakerGatewayFilterFactory(breakers, sluiceForwarder, timeLimits.getIfAvailable(() -> TimeLimits.NONE));
		}

		@Bean
		@ConditionalOnMissingBean
		FallbackHeadersGatewayFilterFactory fallbackHeadersGatewayFilterFactory() {
			return new FallbackHeadersGatewayFilterFactory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory")
	@ConditionalOnBean(type = "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory")
	static class Resilience4jTimeLimitsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TimeLimits sluiceResilience4jTimeLimits(ReactiveResilience4JCircuitBreakerFactory breakers,
				Resilience4JConfigurationProperties properties) {
			return (name) -> (properties.isDisableTimeLimiter()
					|| Boolean.TRUE.equals(properties.getDisableTimeLimiterMap().get(name))) ? null
							: breakers.getTimeLimiterRegistry().timeLimiter(name).getTimeLimiterConfig().getTimeoutDuration();
		}

	}

}
