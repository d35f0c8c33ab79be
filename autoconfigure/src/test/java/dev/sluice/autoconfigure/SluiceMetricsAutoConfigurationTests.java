package dev.sluice.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.sluice.observation.RouteRequestMetrics;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceMetricsAutoConfiguration}, with Spring Boot's simple meter registry.
 */
class SluiceMetricsAutoConfigurationTests {

	private static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);

	// The registry stays out of Micrometer's global one, which would outlive the test.
	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceMetricsAutoConfiguration.class))
		.withConfiguration(METRICS)
		.withPropertyValues("management.metrics.use-global-registry=false");

	@Test
	void timesRequestsInTheRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RouteRequestMetrics.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheMetrics() {
		RouteRequestMetrics own = new RouteRequestMetrics(new SimpleMeterRegistry(), false);
		this.contextRunner.withBean("ownMetrics", RouteRequestMetrics.class, () -> own)
			.run((context) -> assertThat(context.getBean(RouteRequestMetrics.class)).isSameAs(own));
	}

	@Test
	void isAbsentWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.metrics.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(MeterRegistry.class)
				.doesNotHaveBean(RouteRequestMetrics.class));
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouteRequestMetrics.class));
	}

	@Test
	void isAbsentWithoutAMeterRegistry() {
		new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RouteRequestMetrics.class));
	}

	@Test
	void isAbsentWithoutMicrometer() {
		new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RouteRequestMetrics.class));
	}

	@Test
	void isAbsentInAServletApplication() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceMetricsAutoConfiguration.class))
			.withConfiguration(METRICS)
			.withPropertyValues("management.metrics.use-global-registry=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouteRequestMetrics.class));
	}

}
