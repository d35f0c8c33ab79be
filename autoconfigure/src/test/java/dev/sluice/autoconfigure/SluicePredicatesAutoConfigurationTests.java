package dev.sluice.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import dev.sluice.route.predicate.AfterRoutePredicateFactory;
import dev.sluice.route.predicate.BeforeRoutePredicateFactory;
import dev.sluice.route.predicate.BetweenRoutePredicateFactory;
import dev.sluice.route.predicate.CookieRoutePredicateFactory;
import dev.sluice.route.predicate.HeaderRoutePredicateFactory;
import dev.sluice.route.predicate.HostRoutePredicateFactory;
import dev.sluice.route.predicate.MethodRoutePredicateFactory;
import dev.sluice.route.predicate.QueryRoutePredicateFactory;
import dev.sluice.route.predicate.RemoteAddrRoutePredicateFactory;
import dev.sluice.route.predicate.WeightRoutePredicateFactory;
import dev.sluice.route.predicate.XForwardedRemoteAddrRoutePredicateFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluicePredicatesAutoConfiguration}.
 */
class SluicePredicatesAutoConfigurationTests {

	private static final List<Class<?>> FACTORIES = List.of(
			AfterRoutePredicateFactory.class, BeforeRoutePredicateFactory.class, BetweenRoutePredicateFactory.class,
			CookieRoutePredicateFactory.class, HeaderRoutePredicateFactory.class, HostRoutePredicateFactory.class,
			MethodRoutePredicateFactory.class, QueryRoutePredicateFactory.class,
			RemoteAddrRoutePredicateFactory.class, WeightRoutePredicateFactory.class,
			XForwardedRemoteAddrRoutePredicateFactory.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluicePredicatesAutoConfiguration.class));

	@Test
	void configuresEveryPredicateFactory() {
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
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluicePredicatesAutoConfiguration.class)).run((context) -> {
			for (Class<?> factory : FACTORIES) {
				assertThat(context).doesNotHaveBean(factory);
			}
		});
	}

	static Stream<Class<?>> factories() {
		return FACTORIES.stream();
	}

}
