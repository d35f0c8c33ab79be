package dev.sluice.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.sluice.actuate.GatewayEndpoint;
import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.circuitbreaker.MissingCircuitBreakerGatewayFilterFactory;
import dev.sluice.loadbalancer.InstanceStates;
import dev.sluice.loadbalancer.LoadBalancerClientFilter;
import dev.sluice.route.RouteTable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.configuration.CompatibilityVerifierAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceLoadBalancerAutoConfiguration}.
 */
class SluiceLoadBalancerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceLoadBalancerAutoConfiguration.class,
				SluiceAutoConfiguration.class, SluiceHttpClientAutoConfiguration.class,
				SluiceServerAutoConfiguration.class, SluiceBufferAutoConfiguration.class,
				CompatibilityVerifierAutoConfiguration.class, UtilAutoConfiguration.class,
				SimpleReactiveDiscoveryClientAutoConfiguration.class,
				LoadBalancerAutoConfiguration.class))
		.withPropertyValues("sluice.routes[0].id=users", "sluice.routes[0].uri=lb://users",
				"sluice.routes[0].predicates[0]=Path=/users/**",
				"spring.cloud.discovery.client.simple.instances.users[0].uri=http://127.0.0.1:9000");

	@Test
	void resolvesLbRoutesWithSpringCloudLoadBalancerWhileItsCompatibilityVerifierRuns() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(LoadBalancerClientFilter.class)
				.hasSingleBean(InstanceStates.class)
				.hasBean("compositeCompatibilityVerifier");
			assertThat(context.getBean(RouteTable.class).routes().get(0).uri()).hasToString("lb://users");
			assertThat(context.getEnvironment().getProperty("spring.cloud.compatibility-verifier.enabled")).isNull();
		});
	}

	@Test
	void compatibilityVerifierWouldRefuseABootVersionOutsideTheRange() {
		this.contextRunner.withPropertyValues("spring.cloud.compatibility-verifier.compatible-boot-versions=3.5.x")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void failsStartupNamingThePropertyAndTheDependencyWithoutSpringCloudLoadBalancer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveLoadBalancer.class)).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (!(failure instanceof RouteDefinitionException) && failure.getCause() != null) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(RouteDefinitionException.class)
				.hasMessageContaining("sluice.routes[0].uri")
				.hasMessageContaining("org.springframework.cloud:spring-cloud-starter-loadbalancer");
		});
	}

	@Test
	void startsWithoutSpringCloudLoadBalancerWhenNoRouteNeedsIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveLoadBalancer.class))
			.withPropertyValues("sluice.routes[0].uri=http://127.0.0.1:9000")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LoadBalancerClientFilter.class));
	}

	@Test
	void startsWithoutAnyOfSpringCloudOrResilience4j() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceLoadBalancerAutoConfiguration.class,
					SluiceCircuitBreakerAutoConfiguration.class, SluiceForwardAutoConfiguration.class,
					SluiceAutoConfiguration.class, SluiceHttpClientAutoConfiguration.class,
					SluiceServerAutoConfiguration.class, SluiceBufferAutoConfiguration.class,
					SluiceEndpointAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.cloud", "io.github.resilience4j"))
			.withPropertyValues("sluice.routes[0].uri=http://127.0.0.1:9000", "sluice.routes[0].predicates[0]=Path=/**",
					"sluice.routes[1].uri=forward:/local", "sluice.routes[1].predicates[0]=Path=/local/**",
					"management.endpoints.web.exposure.include=gateway")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LoadBalancerClientFilter.class)
				.hasSingleBean(GatewayEndpoint.class)
				.hasSingleBean(MissingCircuitBreakerGatewayFilterFactory.class));
	}

	@Test
	void turnsOutlierDetectionOffByProperty() {
		this.contextRunner.withPropertyValues("sluice.load-balancer.outlier-detection.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(InstanceStates.class));
	}

}
