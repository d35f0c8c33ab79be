package dev.sluice.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.buffer.BufferLedger;
import dev.sluice.filter.factory.PrefixPathGatewayFilterFactory;
import dev.sluice.filter.factory.StripPrefixGatewayFilterFactory;
import dev.sluice.proxy.GatewayWebHandler;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.proxy.WriterStrategy;
import dev.sluice.route.Route;
import dev.sluice.route.RouteCompiler;
import dev.sluice.route.RouteHandlerMapping;
import dev.sluice.route.RouteLocatorBuilder;
import dev.sluice.route.RouteTable;
import dev.sluice.route.predicate.PathRoutePredicateFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceAutoConfiguration}, with the auto-configurations it builds on.
 */
class SluiceAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class,
				SluiceHttpClientAutoConfiguration.class, SluiceServerAutoConfiguration.class,
				SluiceBufferAutoConfiguration.class));

	@Test
	void configuresTheGatewayInAReactiveWebApplication() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(GatewayWebHandler.class)
			.hasSingleBean(RouteHandlerMapping.class)
			.hasSingleBean(RouteTable.class)
			.hasSingleBean(RouteCompiler.class)
			.hasSingleBean(RouteLocatorBuilder.class)
			.hasSingleBean(PropertiesRouteLocator.class)
			.hasSingleBean(PathRoutePredicateFactory.class)
			.hasSingleBean(StripPrefixGatewayFilterFactory.class)
			.hasSingleBean(PrefixPathGatewayFilterFactory.class));
	}

	@Test
	void runsWithoutALedgerWhenTrackingIsOff() {
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
	void backsOffWhenTheUserDefinesTheRouteTable() {
		this.contextRunner.withUserConfiguration(UserRouteTable.class).run((context) -> {
			assertThat(context.getBean(RouteTable.class)).isSameAs(context.getBean(UserRouteTable.class).table);
			assertThat(context).hasSingleBean(GatewayWebHandler.class).hasSingleBean(RouteHandlerMapping.class);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheHandlerAndItsMapping() {
		this.contextRunner.withUserConfiguration(UserHandlerBeans.class).run((context) -> {
			assertThat(context.getBean(GatewayWebHandler.class)).isSameAs(context.getBean(UserHandlerBeans.class).handler);
			assertThat(context.getBean(RouteHandlerMapping.class)).isSameAs(context.getBean(UserHandlerBeans.class).mapping);
		});
	}

	@ParameterizedTest
	@MethodSource("factories")
	void backsOffWhenTheUserDefinesAFactory(Class<Object> type) {
		Object own = BeanUtils.instantiateClass(type);
		this.contextRunner.withBean("ownFactory", type, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(type);
			assertThat(context.getBean(type)).isSameAs(own);
			assertThat(context).hasSingleBean(GatewayWebHandler.class);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GatewayWebHandler.class)
				.doesNotHaveBean(RouteTable.class)
				.doesNotHaveBean(RouteHandlerMapping.class)
				.doesNotHaveBean(PathRoutePredicateFactory.class));
	}

	@Test
	void isAbsentWithoutTheReactorNettyClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GatewayWebHandler.class)
				.doesNotHaveBean(RouteTable.class));
	}

	@Test
	void backsOffInAServletWebApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class,
					SluiceHttpClientAutoConfiguration.class, SluiceServerAutoConfiguration.class,
					SluiceBufferAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GatewayWebHandler.class)
				.doesNotHaveBean(RouteTable.class));
	}

	static Stream<Class<?>> factories() {
		return Stream.of(PathRoutePredicateFactory.class, StripPrefixGatewayFilterFactory.class,
				PrefixPathGatewayFilterFactory.class);
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
	static class UserRouteTable {

		final RouteTable table = new RouteTable(List::of, List.of());

		@Bean
		RouteTable userRouteTable() {
			return this.table;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandlerBeans {

		final GatewayWebHandler handler = new GatewayWebHandler(HttpClient.create(),
				new ResponseWriterSelector(WriterStrategy.AUTO), null);

		final RouteHandlerMapping mapping = new RouteHandlerMapping(new RouteTable(List::of, List.of()),
				this.handler, 1);

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
