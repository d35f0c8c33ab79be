package dev.sluice.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.sluice.actuate.BufferMetrics;
import dev.sluice.buffer.NettyLeakReports;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceBufferMetricsAutoConfiguration}, with Spring Boot's simple meter registry.
 */
class SluiceBufferMetricsAutoConfigurationTests {

	private static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);

	// The registry stays out of Micrometer's global one, which would outlive the test.
	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceBufferAutoConfiguration.class,
				SluiceBufferMetricsAutoConfiguration.class))
		.withConfiguration(METRICS)
		.withPropertyValues("management.metrics.use-global-registry=false");

	@Test
	void bindsTheBufferMetersToTheRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BufferMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("sluice.leaks").tag("source", "netty").counter())
				.isNotNull();
		});
	}

	@Test
	void countsNettysLeaksWithoutALedgerWhenTrackingIsOff() {
		this.contextRunner.withPropertyValues("sluice.buffers.tracking=false").run((context) -> {
			assertThat(context).hasSingleBean(BufferMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("sluice.leaks").tag("source", "netty").counter())
				.isNotNull();
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheMetrics() {
		BufferMetrics own = new BufferMetrics(null, NettyLeakReports.get());
		this.contextRunner.withBean("ownMetrics", BufferMetrics.class, () -> own)
			.run((context) -> assertThat(context.getBean(BufferMetrics.class)).isSameAs(own));
	}

	@Test
	void isAbsentWithoutAMeterRegistry() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceBufferAutoConfiguration.class,
					SluiceBufferMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(NettyLeakReports.class)
				.doesNotHaveBean(BufferMetrics.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(MeterRegistry.class)
				.doesNotHaveBean(BufferMetrics.class));
	}

	@Test
	void isAbsentWithoutMicrometer() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceBufferAutoConfiguration.class,
					SluiceBufferMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(NettyLeakReports.class)
				.doesNotHaveBean(BufferMetrics.class));
	}

	@Test
	void isAbsentInAServletWebApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceBufferAutoConfiguration.class,
					SluiceBufferMetricsAutoConfiguration.class))
			.withConfiguration(METRICS)
			.withPropertyValues("management.metrics.use-global-registry=false")
			.run((context) -> assertThat(context).hasSingleBean(MeterRegistry.class)
				.doesNotHaveBean(BufferMetrics.class));
	}

}
