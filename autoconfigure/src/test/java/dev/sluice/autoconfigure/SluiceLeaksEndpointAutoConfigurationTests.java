package dev.sluice.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.sluice.actuate.BufferLeaksHealthIndicator;
import dev.sluice.actuate.LeaksEndpoint;
import dev.sluice.buffer.NettyLeakReports;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.proxy.WriterStrategy;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceLeaksEndpointAutoConfiguration}, with the ledger and server detection it
 * reports on.
 */
class SluiceLeaksEndpointAutoConfigurationTests {

	private static final AutoConfigurations BUFFERS = AutoConfigurations.of(SluiceServerAutoConfiguration.class,
			SluiceBufferAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceLeaksEndpointAutoConfiguration.class))
		.withConfiguration(BUFFERS);

	@Test
	void configuresTheEndpointWhenItIsExposedAndTheHealthIndicator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=leaks").run((context) -> {
			assertThat(context).hasSingleBean(LeaksEndpoint.class).hasBean("bufferLeaksHealthIndicator");
			assertThat(context.getBean(LeaksEndpoint.class).leaks().tracking()).isTrue();
		});
	}

	@Test
	void reportsThatNoBuffersAreTrackedWhenTrackingIsOff() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=leaks", "sluice.buffers.tracking=false")
			.run((context) -> {
				assertThat(context).hasBean("bufferLeaksHealthIndicator");
				assertThat(context.getBean(LeaksEndpoint.class).leaks().tracking()).isFalse();
			});
	}

	@Test
	void keepsOnlyTheHealthIndicatorWhenTheEndpointIsNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(LeaksEndpoint.class)
			.hasBean("bufferLeaksHealthIndicator"));
	}

	@Test
	void leavesTheHealthIndicatorOutWhenItIsDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=leaks",
					"management.health.bufferLeaks.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(LeaksEndpoint.class)
				.doesNotHaveBean("bufferLeaksHealthIndicator"));
	}

	@Test
	void backsOffWhenTheUserDefinesTheEndpointOrTheHealthIndicator() {
		LeaksEndpoint endpoint = new LeaksEndpoint(new ResponseWriterSelector(WriterStrategy.AUTO), null,
				NettyLeakReports.get());
		BufferLeaksHealthIndicator health = new BufferLeaksHealthIndicator(null, NettyLeakReports.get(), false);
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=leaks")
			.withBean("ownLeaksEndpoint", LeaksEndpoint.class, () -> endpoint)
			.withBean("bufferLeaksHealthIndicator", BufferLeaksHealthIndicator.class, () -> health)
			.run((context) -> {
				assertThat(context.getBean(LeaksEndpoint.class)).isSameAs(endpoint);
				assertThat(context.getBean("bufferLeaksHealthIndicator")).isSameAs(health);
			});
	}

	@Test
	void isAbsentWhenTheGatewayIsDisabled() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=leaks", "sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LeaksEndpoint.class)
				.doesNotHaveBean("bufferLeaksHealthIndicator"));
	}

	@Test
	void isAbsentWithoutTheActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=leaks")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint.annotation"))
			.run((context) -> assertThat(context).hasSingleBean(NettyLeakReports.class)
				.doesNotHaveBean(LeaksEndpoint.class)
				.doesNotHaveBean("bufferLeaksHealthIndicator"));
	}

	@Test
	void leavesTheHealthIndicatorOutWithoutSpringBootHealth() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=leaks")
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(LeaksEndpoint.class)
				.doesNotHaveBean("bufferLeaksHealthIndicator"));
	}

	@Test
	void isAbsentInAServletWebApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceLeaksEndpointAutoConfiguration.class))
			.withConfiguration(BUFFERS)
			.withPropertyValues("management.endpoints.web.exposure.include=leaks")
			.run((context) -> assertThat(context).doesNotHaveBean(LeaksEndpoint.class)
				.doesNotHaveBean("bufferLeaksHealthIndicator"));
	}

}
