package dev.sluice.autoconfigure;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceHttpClientAutoConfiguration}.
 */
class SluiceHttpClientAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceHttpClientAutoConfiguration.class));

	@Test
	void configuresAClientOverItsOwnPool() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("sluiceHttpClient").hasBean("sluiceConnectionProvider");
			HttpClient client = context.getBean("sluiceHttpClient", HttpClient.class);
			assertThat(client.configuration().connectionProvider())
				.isSameAs(context.getBean("sluiceConnectionProvider"));
			assertThat(client.configuration().followRedirectPredicate()).isNull();
		});
	}

	@Test
	void appliesHttpClientProperties() {
		this.contextRunner
			.withPropertyValues("sluice.http-client.max-connections=7", "sluice.http-client.connect-timeout=1500ms",
					"sluice.http-client.response-timeout=3s", "sluice.http-client.max-chunk-size=16KB")
			.run((context) -> {
				HttpClient client = context.getBean("sluiceHttpClient", HttpClient.class);
				assertThat(client.configuration().decoder().maxChunkSize()).isEqualTo(16 * 1024);
				assertThat(client.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(1500);
				assertThat(client.configuration().responseTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(context.getBean("sluiceConnectionProvider", ConnectionProvider.class).maxConnections())
					.isEqualTo(7);
			});
	}

	@Test
	void readsUpstreamBodiesInPiecesOfUpTo64KbByDefault() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean("sluiceHttpClient", HttpClient.class).configuration().decoder().maxChunkSize())
			.isEqualTo(64 * 1024));
	}

	@Test
	void failsStartupNamingABadMaxChunkSize() {
		this.contextRunner.withPropertyValues("sluice.http-client.max-chunk-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sluice.http-client.max-chunk-size must be between 1B and 2GB, not 0B"));
	}

	@Test
	void defaultValuesAreConsistentWithReactorNettyAndNetty() {
		SluiceHttpClientProperties properties = new SluiceHttpClientProperties();
		assertThat(properties.getPendingAcquireTimeout())
			.isEqualTo(Duration.ofMillis(ConnectionProvider.DEFAULT_POOL_ACQUIRE_TIMEOUT));
		assertThat(properties.getConnectTimeout())
			.isEqualTo(Duration.ofMillis(new EmbeddedChannel().config().getConnectTimeoutMillis()));
	}

	@Test
	void poolsAsManyConnectionsPerUpstreamAsReactorNettysSharedClientByDefault() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean("sluiceConnectionProvider", ConnectionProvider.class).maxConnections())
			.isEqualTo(500));
	}

	@Test
	void boundsResponseReadsAndRequestBodiesInTimeByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean("sluiceHttpClient", HttpClient.class).configuration().responseTimeout())
				.isEqualTo(Duration.ofSeconds(60));
			assertThat(context.getBean(SluiceHttpClientProperties.class).getRequestBodyIdleTimeout())
				.isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void appliesNoResponseTimeoutWhenSetToZero() {
		this.contextRunner.withPropertyValues("sluice.http-client.response-timeout=0")
			.run((context) -> assertThat(
					context.getBean("sluiceHttpClient", HttpClient.class).configuration().responseTimeout())
				.isNull());
	}

	@Test
	void appliesTheCustomizersInOrder() {
		this.contextRunner.withUserConfiguration(Customizers.class).run((context) -> {
			HttpClient client = context.getBean("sluiceHttpClient", HttpClient.class);
			assertThat(client.configuration().responseTimeout()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheClientAndItsPool() {
		this.contextRunner.withUserConfiguration(UserClient.class).run((context) -> {
			assertThat(context.getBean("sluiceHttpClient")).isSameAs(context.getBean(UserClient.class).client);
			assertThat(context.getBean("sluiceConnectionProvider")).isSameAs(context.getBean(UserClient.class).provider);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("sluiceHttpClient")
				.doesNotHaveBean("sluiceConnectionProvider"));
	}

	@Test
	void isAbsentWithoutTheReactorNettyClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean("sluiceHttpClient")
				.doesNotHaveBean("sluiceConnectionProvider"));
	}

	@Test
	void backsOffInAServletWebApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceHttpClientAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("sluiceHttpClient")
				.doesNotHaveBean("sluiceConnectionProvider"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		@Order(2)
		SluiceHttpClientCustomizer second() {
			return (client) -> client.responseTimeout(client.configuration().responseTimeout().multipliedBy(2));
		}

		@Bean
		@Order(1)
		SluiceHttpClientCustomizer first() {
			return (client) -> client.responseTimeout(Duration.ofSeconds(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClient {

		final ConnectionProvider provider = ConnectionProvider.newConnection();

		final HttpClient client = HttpClient.create(this.provider);

		@Bean
		ConnectionProvider sluiceConnectionProvider() {
			return this.provider;
		}

		@Bean
		HttpClient sluiceHttpClient() {
			return this.client;
		}

	}

}
