package dev.sluice.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.tcp.SslProvider;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.proxy.UpstreamTls;
import dev.sluice.test.Gateway;
import dev.sluice.test.ServerKind;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the TLS to upstreams is configured: SSL bundles checked at startup by the properties that
 * name them, the insecure trust manager's warning, and the defaults.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SluiceAutoConfiguration.class,
				SluiceHttpClientAutoConfiguration.class, SluiceServerAutoConfiguration.class,
				SluiceBufferAutoConfiguration.class));

	@Test
	void configuresTlsWithTheJdksTrustStoreByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(UpstreamTls.class).doesNotHaveBean(InsecureTrustWarning.class);
		});
	}

	@Test
	void failsStartupNamingThePropertyWhenTheGatewaysBundleDoesNotExist() {
		this.contextRunner.withPropertyValues("sluice.http-client.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("sluice.http-client.ssl.bundle");
					assertThat(ex.getValue()).isEqualTo("missing");
					assertThat(ex.getReason()).contains("There is no SSL bundle named 'missing'");
				});
		});
	}

	@Test
	void reportsAMissingGatewayBundleNamingTheProperty(CapturedOutput output) {
		assertThatThrownBy(() -> Gateway.start(ServerKind.REACTOR_NETTY,
				new String[] { "sluice.http-client.ssl.bundle=missing" }))
			.hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid value 'missing' for configuration property 'sluice.http-client.ssl.bundle'",
				"There is no SSL bundle named 'missing'");
	}

	@Test
	void failsStartupNamingThePropertyWhenARoutesBundleDoesNotExist() {
		this.contextRunner
			.withPropertyValues("sluice.routes[0].id=secure", "sluice.routes[0].uri=https://127.0.0.1:9443",
					"sluice.routes[0].metadata.ssl-bundle=missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(RouteDefinitionException.class,
							(ex) -> assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].metadata.ssl-bundle"));
				FailureAnalysis analysis = new RouteDefinitionFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("sluice.routes[0].metadata.ssl-bundle",
						"there is no SSL bundle named 'missing'");
			});
	}

	@Test
	void backsOffWhenTheUserDefinesUpstreamTls() {
		UpstreamTls own = UpstreamTls.defaults();
		this.contextRunner.withPropertyValues("sluice.http-client.ssl.bundle=missing")
			.withBean(UpstreamTls.class, () -> own)
			.run((context) -> assertThat(context).hasSingleBean(UpstreamTls.class).getBean(UpstreamTls.class).isSameAs(own));
	}

	@Test
	void warnsOnlyWhenTheInsecureTrustManagerIsOn() {
		this.contextRunner.withPropertyValues("sluice.http-client.ssl.use-insecure-trust-manager=true")
			.run((context) -> assertThat(context).hasSingleBean(InsecureTrustWarning.class));
	}

	@Test
	void handshakeTimeoutDefaultIsReactorNettys() {
		long handshakeTimeout = new SluiceHttpClientProperties().getSsl().getHandshakeTimeout().toMillis();
		assertThat(SslProvider.defaultClientProvider().toString())
			.contains("handshakeTimeoutMillis=" + handshakeTimeout + ",");
	}

}
