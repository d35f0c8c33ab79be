package dev.sluice.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import dev.sluice.filter.factory.AddRequestParameterGatewayFilterFactory;
import dev.sluice.filter.factory.RedirectToGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveRequestParameterGatewayFilterFactory;
import dev.sluice.filter.factory.RequestHeaderSizeGatewayFilterFactory;
import dev.sluice.filter.factory.RequestSizeGatewayFilterFactory;
import dev.sluice.filter.factory.RetryGatewayFilterFactory;
import dev.sluice.filter.factory.RewritePathGatewayFilterFactory;
import dev.sluice.filter.factory.SetPathGatewayFilterFactory;
import dev.sluice.filter.factory.SetStatusGatewayFilterFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceRequestFiltersAutoConfiguration}.
 */
class SluiceRequestFiltersAutoConfigurationTests {

	private static final List<Class<?>> FACTORIES = List.of(
			AddRequestParameterGatewayFilterFactory.class, RedirectToGatewayFilterFactory.class,
			RemoveRequestParameterGatewayFilterFactory.class, RequestHeaderSizeGatewayFilterFactory.class,
			RequestSizeGatewayFilterFactory.class, RetryGatewayFilterFactory.class,
			RewritePathGatewayFilterFactory.class, SetPathGatewayFilterFactory.class,
			SetStatusGatewayFilterFactory.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceRequestFiltersAutoConfiguration.class));

	@Test
	void configuresEveryRequestFilterFactory() {
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
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceRequestFiltersAutoConfiguration.class)).run((context) -> {
			for (Class<?> factory : FACTORIES) {
				assertThat(context).doesNotHaveBean(factory);
			}
		});
	}

	static Stream<Class<?>> factories() {
		return FACTORIES.stream();
	}

}
