package dev.sluice.autoconfigure;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.forwarded.ForwardedHeaders;
import dev.sluice.forwarded.TrustedProxies;
import dev.sluice.forwarded.UntrustedForwardedHeadersWebFilter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceForwardedAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SluiceForwardedAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceForwardedAutoConfiguration.class));

	@Test
	void trustsNoProxyAndAddsTheGatewaysHopByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(UntrustedForwardedHeadersWebFilter.class);
			assertThat(context.getBean(TrustedProxies.class)).isSameAs(TrustedProxies.NONE);
			assertThat(context.getBean(ForwardedHeaders.class)).isEqualTo(new ForwardedHeaders(true, false));
		});
	}

	@Test
	void trustsThePeersTheRegularExpressionMatches() {
		this.contextRunner
			.withPropertyValues("sluice.forwarded.trusted-proxies=10\\.0\\.0\\.\\d+",
					"sluice.forwarded.forwarded-header=true", "sluice.forwarded.enabled=false")
			.run((context) -> {
				TrustedProxies trusted = context.getBean(TrustedProxies.class);
				assertThat(trusted.trusts(new InetSocketAddress("10.0.0.7", 1))).isTrue();
				assertThat(trusted.trusts(new InetSocketAddress("10.0.1.7", 1))).isFalse();
				assertThat(trusted.trusts(new InetSocketAddress("110.0.0.7", 1))).isFalse();
				assertThat(context.getBean(ForwardedHeaders.class)).isEqualTo(new ForwardedHeaders(false, true));
			});
	}

	@Test
	void failsStartupNamingThePropertyWhenTheExpressionIsInvalid() {
		this.contextRunner.withPropertyValues("sluice.forwarded.trusted-proxies=10\\.0\\.(0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("sluice.forwarded.trusted-proxies")
				.hasMessageContaining("Not a valid regular expression");
		});
	}

	@Test
	void warnsWhenTheServerAppliesForwardedHeadersItself(CapturedOutput output) {
		this.contextRunner.withPropertyValues("server.forward-headers-strategy=native")
			.run((context) -> assertThat(output).contains("server.forward-headers-strategy=native")
				.contains("sluice.forwarded.trusted-proxies"));
	}

	@Test
	void doesNotWarnWhenTheServerLeavesForwardedHeadersAlone(CapturedOutput output) {
		this.contextRunner.withPropertyValues("server.forward-headers-strategy=none")
			.run((context) -> assertThat(output).doesNotContain("server.forward-headers-strategy"));
	}

	@Test
	void backsOffWhenTheUserDefinesTheTrustedProxies() {
		TrustedProxies own = TrustedProxies.matching("192\\.168\\..*");
		this.contextRunner.withBean(TrustedProxies.class, () -> own)
			.run((context) -> assertThat(context.getBean(TrustedProxies.class)).isSameAs(own));
	}

	@Test
	void isDisabledWithSluice() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UntrustedForwardedHeadersWebFilter.class));
	}

	@Test
	void isAbsentFromServletApplications() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceForwardedAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(UntrustedForwardedHeadersWebFilter.class));
	}

}
