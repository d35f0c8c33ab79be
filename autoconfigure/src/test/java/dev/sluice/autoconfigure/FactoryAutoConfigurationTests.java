package dev.sluice.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every auto-configuration of route predicate or filter factories must do: register each
 * factory once, back off for a factory the user defines, and stay away when Sluice is disabled,
 * when Reactor Netty's client is missing, or in a Servlet web application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FactoryAutoConfigurationTests {

	private final Class<?> autoConfiguration;

	private final List<Class<?>> factories;

	private final ReactiveWebApplicationContextRunner contextRunner;

	FactoryAutoConfigurationTests(Class<?> autoConfiguration, List<Class<?>> factories) {
		this.autoConfiguration = autoConfiguration;
		this.factories = factories;
		this.contextRunner = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(autoConfiguration));
	}

	@Test
	void configuresEveryFactory() {
		this.contextRunner.run((context) -> {
			for (Class<?> factory : this.factories) {
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
			for (Class<?> factory : this.factories) {
				assertThat(context).doesNotHaveBean(factory);
			}
		});
	}

	@Test
	void isAbsentWithoutTheReactorNettyClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class)).run((context) -> {
			for (Class<?> factory : this.factories) {
				assertThat(context).doesNotHaveBean(factory);
			}
		});
	}

	@Test
	void backsOffInAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(this.autoConfiguration))
			.run((context) -> {
				for (Class<?> factory : this.factories) {
					assertThat(context).doesNotHaveBean(factory);
				}
			});
	}

	Stream<Class<?>> factories() {
		return this.factories.stream();
	}

}
