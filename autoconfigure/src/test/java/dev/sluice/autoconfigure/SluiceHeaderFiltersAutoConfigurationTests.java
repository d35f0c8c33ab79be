package dev.sluice.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import dev.sluice.filter.factory.AddRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.AddRequestHeadersIfNotPresentGatewayFilterFactory;
import dev.sluice.filter.factory.AddResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.DedupeResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.MapRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.PreserveHostHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RewriteLocationResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RewriteResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SecureHeadersGatewayFilterFactory;
import dev.sluice.filter.factory.SetRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SetRequestHostHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SetResponseHeaderGatewayFilterFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceHeaderFiltersAutoConfiguration}.
 */
class SluiceHeaderFiltersAutoConfigurationTests {

	private static final List<Class<?>> FACTORIES = List.of(
			AddRequestHeaderGatewayFilterFactory.class, AddRequestHeadersIfNotPresentGatewayFilterFactory.class,
			AddResponseHeaderGatewayFilterFactory.class, DedupeResponseHeaderGatewayFilterFactory.class,
			MapRequestHeaderGatewayFilterFactory.class, PreserveHostHeaderGatewayFilterFactory.class,
			RemoveRequestHeaderGatewayFilterFactory.class, RemoveResponseHeaderGatewayFilterFactory.class,
			RewriteLocationResponseHeaderGatewayFilterFactory.class,
			RewriteResponseHeaderGatewayFilterFactory.class, SetRequestHeaderGatewayFilterFactory.class,
			SetRequestHostHeaderGatewayFilterFactory.class, SetResponseHeaderGatewayFilterFactory.class,
			SecureHeadersGatewayFilterFactory.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceHeaderFiltersAutoConfiguration.class));

	@Test
	void configuresEveryHeaderFilterFactory() {
		this.contextRunner.run((context) -> {
			for (Class<?> factory : FACTORIES) {
				assertThat(context).hasSingleBean(factory);
			}
		});
	}

	@ParameterizedTest
	@MethodSource("factories")
	void backsOffWhenTheUserDefinesAFactory(Class<Object> type) {
		Object own = BeanUtils.instantiateClass(type);
		this.contextRunner.withBean("ownFactory", type, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(type);
			assertThat(context.getBean(type)).isSameAs(own);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.enabled=false").run((context) -> {
			for (Class<?> factory : FACTORIES) {
				assertThat(context).doesNotHaveBean(factory);
			}
		});
	}

	@Test
	void isAbsentWithoutTheReactorNettyClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class)).run((context) -> {
			for (Class<?> factory : FACTORIES) {
				assertThat(context).doesNotHaveBean(factory);
			}
		});
	}

	@Test
	void backsOffInAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceHeaderFiltersAutoConfiguration.class)).run((context) -> {
			for (Class<?> factory : FACTORIES) {
				assertThat(context).doesNotHaveBean(factory);
			}
		});
	}

	static Stream<Class<?>> factories() {
		return FACTORIES.stream();
	}

}
