package dev.sluice.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.NettyLeakReports;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceBufferAutoConfiguration}.
 */
class SluiceBufferAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceBufferAutoConfiguration.class));

	@Test
	void configuresTheLedgerAndCapturesNettysLeakReports() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BufferLedger.class).hasSingleBean(NettyLeakReports.class);
			assertThat(context.getBean(NettyLeakReports.class)).isSameAs(NettyLeakReports.get());
		});
	}

	@Test
	void tracksNoBuffersWhenTrackingIsOff() {
		this.contextRunner.withPropertyValues("sluice.buffers.tracking=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BufferLedger.class)
				.hasSingleBean(NettyLeakReports.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheLedger() {
		BufferLedger own = new BufferLedger(Duration.ofSeconds(1), 10);
		this.contextRunner.withBean("ownLedger", BufferLedger.class, () -> own)
			.run((context) -> assertThat(context.getBean(BufferLedger.class)).isSameAs(own));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BufferLedger.class)
				.doesNotHaveBean(NettyLeakReports.class));
	}

	@Test
	void isAbsentWithoutTheReactorNettyClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BufferLedger.class)
				.doesNotHaveBean(NettyLeakReports.class));
	}

	@Test
	void backsOffInAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceBufferAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BufferLedger.class)
				.doesNotHaveBean(NettyLeakReports.class));
	}

}
