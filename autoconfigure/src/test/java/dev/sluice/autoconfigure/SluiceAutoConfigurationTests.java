package dev.sluice.autoconfigure;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.buffer.BufferLedger;
import dev.sluice.proxy.GatewayWebHandler;
import dev.sluice.route.Route;
import dev.sluice.route.RouteHandlerMapping;
import dev.sluice.route.RouteTable;
import dev.sluice.route.predicate.PathRoutePredicateFactory;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.server.ServerDetector;
import dev.sluice.proxy.WriterStrategy;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Sluice auto-configurations.
 */
class SluiceAutoConfigurationTests {

	private static final AutoConfigurations SLUICE = AutoConfigurations.of(SluiceAutoConfiguration.class,
			SluiceHttpClientAutoConfiguration.class, SluiceServerAutoConfiguration.class,
			SluiceBufferAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(SLUICE);

	@Test
	void configuresTheGatewayInAReactiveWebApplication() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(GatewayWebHandler.class)
			.hasSingleBean(RouteHandlerMapping.class)
			.hasSingleBean(RouteTable.class)
			.hasSingleBean(ResponseWriterSelector.class)
			.hasSingleBean(ServerDetector.class)
			.hasSingleBean(PathRoutePredicateFactory.class)
			.hasBean("sluiceHttpClient")
			.hasBean("sluiceConnectionProvider")
			.hasSingleBean(BufferLedger.class));
	}

	@Test
	void tracksNoBuffersWhenTrackingIsOff() {
		this.contextRunner.withPropertyValues("sluice.buffers.tracking=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BufferLedger.class)
				.hasSingleBean(GatewayWebHandler.class));
	}

	@Test
	void compilesRoutesFromProperties() {
		this.contextRunner
			.withPropertyValues("sluice.routes[0].id=users", "sluice.routes[0].uri=http://127.0.0.1:9000",
					"sluice.routes[0].order=5", "sluice.routes[0].predicates[0]=Path=/users/**",
					"sluice.routes[0].filters[0]=StripPrefix=1", "sluice.routes[1].id=first",
					"sluice.routes[1].uri=https://example.org", "sluice.routes[1].predicates[0]=Path=/**",
					"sluice.routes[0].metadata.response-timeout=1500", "sluice.routes[0].metadata.connect-timeout=2s")
			.run((context) -> {
				RouteTable table = context.getBean(RouteTable.class);
				assertThat(table.routes()).extracting(Route::id).containsExactly("first", "users");
				Route users = table.routes().get(1);
				assertThat(users.uri().toString()).isEqualTo("http://127.0.0.1:9000");
				assertThat(users.timeouts().response()).isEqualTo(Duration.ofMillis(1500));
				assertThat(users.timeouts().connect()).isEqualTo(Duration.ofSeconds(2));
				assertThat(users.description().predicates()).hasSize(1);
				assertThat(users.description().filters()).hasSize(1);
			});
	}

	@Test
	void failsStartupNamingThePropertyOfABadRoute() {
		this.contextRunner
			.withPropertyValues("sluice.routes[0].id=ok", "sluice.routes[0].uri=http://127.0.0.1:9000",
					"sluice.routes[1].id=bad", "sluice.routes[1].uri=http://127.0.0.1:9000",
					"sluice.routes[1].filters[0]=StripPrefix=1", "sluice.routes[1].filters[1]=Nope=1")
			.run((context) -> {
				assertThat(context).hasFailed();
				RouteDefinitionException cause = findCause(context.getStartupFailure());
				assertThat(cause.getProperty()).isEqualTo("sluice.routes[1].filters[1]");
				FailureAnalysis analysis = new RouteDefinitionFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("sluice.routes[1].filters[1]", "unknown filter 'Nope'");
				assertThat(analysis.getAction()).contains("StripPrefix", "PrefixPath");
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
		assertThat(properties.getMaxConnections()).isNull();
		assertThat(properties.getResponseTimeout()).isNull();
		assertThat(new SluiceBufferProperties().getWriter()).isEqualTo(WriterStrategy.AUTO);
	}

	@Test
	void usesTheCopyingWriterUntilAServerIsKnown() {
		this.contextRunner.run((context) -> {
			ResponseWriterSelector selector = context.getBean(ResponseWriterSelector.class);
			assertThat(selector.server().name()).isEqualTo("none");
			assertThat(selector.writerName()).isEqualTo("copy");
		});
	}

	@Test
	void backsOffInAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(SLUICE)
			.run((context) -> assertThat(context).doesNotHaveBean(GatewayWebHandler.class)
				.doesNotHaveBean(RouteTable.class)
				.doesNotHaveBean("sluiceHttpClient"));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GatewayWebHandler.class)
				.doesNotHaveBean(RouteTable.class)
				.doesNotHaveBean(ResponseWriterSelector.class)
				.doesNotHaveBean("sluiceHttpClient"));
	}

	@Test
	void isAbsentWithoutTheReactorNettyClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GatewayWebHandler.class)
				.doesNotHaveBean(ResponseWriterSelector.class));
	}

	@Test
	void backsOffForEachBeanTheUserDefines() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(RouteTable.class)).isSameAs(context.getBean(UserBeans.class).table);
			assertThat(context.getBean("sluiceHttpClient")).isSameAs(context.getBean(UserBeans.class).client);
			assertThat(context.getBean("sluiceConnectionProvider")).isSameAs(context.getBean(UserBeans.class).provider);
			assertThat(context.getBean(ResponseWriterSelector.class)).isSameAs(context.getBean(UserBeans.class).selector);
			assertThat(context.getBean(PathRoutePredicateFactory.class)).isSameAs(context.getBean(UserBeans.class).path);
			assertThat(context).hasSingleBean(GatewayWebHandler.class).hasSingleBean(RouteHandlerMapping.class);
		});
		this.contextRunner.withUserConfiguration(UserHandlerBeans.class).run((context) -> {
			assertThat(context.getBean(GatewayWebHandler.class)).isSameAs(context.getBean(UserHandlerBeans.class).handler);
			assertThat(context.getBean(RouteHandlerMapping.class)).isSameAs(context.getBean(UserHandlerBeans.class).mapping);
		});
	}

	private static RouteDefinitionException findCause(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RouteDefinitionException ex) {
				return ex;
			}
		}
		throw new AssertionError("No RouteDefinitionException in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final ConnectionProvider provider = ConnectionProvider.newConnection();

		final HttpClient client = HttpClient.create(this.provider);

		final RouteTable table = new RouteTable(java.util.List::of, java.util.List.of());

		final ResponseWriterSelector selector = new ResponseWriterSelector(WriterStrategy.COPY);

		final PathRoutePredicateFactory path = new PathRoutePredicateFactory();

		@Bean
		ConnectionProvider sluiceConnectionProvider() {
			return this.provider;
		}

		@Bean
		HttpClient sluiceHttpClient() {
			return this.client;
		}

		@Bean
		RouteTable userRouteTable() {
			return this.table;
		}

		@Bean
		ResponseWriterSelector userWriterSelector() {
			return this.selector;
		}

		@Bean
		PathRoutePredicateFactory userPathRoutePredicateFactory() {
			return this.path;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandlerBeans {

		final GatewayWebHandler handler = new GatewayWebHandler(HttpClient.create(),
				new ResponseWriterSelector(WriterStrategy.AUTO), null);

		final RouteHandlerMapping mapping = new RouteHandlerMapping(new RouteTable(java.util.List::of,
				java.util.List.of()), this.handler, 1);

		@Bean
		GatewayWebHandler userGatewayWebHandler() {
			return this.handler;
		}

		@Bean
		RouteHandlerMapping userRouteHandlerMapping() {
			return this.mapping;
		}

	}

}
