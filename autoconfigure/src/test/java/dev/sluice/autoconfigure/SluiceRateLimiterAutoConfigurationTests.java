package dev.sluice.autoconfigure;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.ratelimit.KeyResolver;
import dev.sluice.ratelimit.LocalRateLimiter;
import dev.sluice.ratelimit.RedisRateLimiter;
import dev.sluice.ratelimit.RequestRateLimiterGatewayFilterFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceRateLimiterAutoConfiguration}. None needs a Redis: Lettuce connects in the
 * background and a route that finds no Redis fails open.
 */
class SluiceRateLimiterAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceRateLimiterAutoConfiguration.class,
				SluiceForwardedAutoConfiguration.class, SluiceAutoConfiguration.class,
				SluiceHttpClientAutoConfiguration.class, SluiceServerAutoConfiguration.class,
				SluiceBufferAutoConfiguration.class, DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class))
		.withPropertyValues("sluice.routes[0].id=limited", "sluice.routes[0].uri=http://127.0.0.1:9000",
				"sluice.routes[0].predicates[0]=Path=/limited/**",
				"sluice.routes[0].filters[0].name=RequestRateLimiter",
				"sluice.routes[0].filters[0].args.redis-rate-limiter.replenishRate=10",
				"sluice.routes[0].filters[0].args.key-resolver=header:X-Api-Key");

	@Test
	void configuresTheRedisAndTheLocalLimiter() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(RequestRateLimiterGatewayFilterFactory.class)
			.hasSingleBean(RedisRateLimiter.class)
			.hasSingleBean(LocalRateLimiter.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheFactory() {
		this.contextRunner.withPropertyValues("sluice.routes[0].filters=")
			.withUserConfiguration(UserFactoryConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RequestRateLimiterGatewayFilterFactory.class)
				.getBean(RequestRateLimiterGatewayFilterFactory.class)
				.isSameAs(context.getBean(UserFactoryConfiguration.class).factory));
	}

	@Test
	void isDisabledWithTheGateway() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestRateLimiterGatewayFilterFactory.class));
	}

	@Test
	void isAbsentOutsideAReactiveWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceRateLimiterAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RequestRateLimiterGatewayFilterFactory.class));
	}

	@Test
	void failsStartupNamingTheDependencyWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run(failsWith("sluice.routes[0].filters[0]",
					"org.springframework.boot:spring-boot-starter-data-redis-reactive"));
	}

	@Test
	void runsALocalLimiterWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("sluice.routes[0].filters[0].args.redis-rate-limiter.replenishRate=",
					"sluice.routes[0].filters[0].args.local-rate-limiter.replenishRate=10")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisRateLimiter.class));
	}

	@Test
	void failsStartupNamingTheDependencyWithoutBucket4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.github.bucket4j"))
			.withPropertyValues("sluice.routes[0].filters[0].args.redis-rate-limiter.replenishRate=",
					"sluice.routes[0].filters[0].args.local-rate-limiter.replenishRate=10")
			.run(failsWith("sluice.routes[0].filters[0]", "com.bucket4j:bucket4j_jdk17-core"));
	}

	@Test
	void failsStartupOnAKeyResolverThatIsAnExpression() {
		this.contextRunner.withPropertyValues("sluice.routes[0].filters[0].args.key-resolver=#{T(java.lang.Runtime)}")
			.run(failsWith("sluice.routes[0].filters[0]", "only a bean reference"));
	}

	@Test
	void failsStartupOnAMissingKeyResolverBean() {
		this.contextRunner.withUserConfiguration(KeyResolverConfiguration.class)
			.withPropertyValues("sluice.routes[0].filters[0].args.key-resolver=#{@nobody}")
			.run(failsWith("sluice.routes[0].filters[0]", "no KeyResolver bean named 'nobody'"));
	}

	@Test
	void usesAKeyResolverBeanByReference() {
		this.contextRunner.withUserConfiguration(KeyResolverConfiguration.class)
			.withPropertyValues("sluice.routes[0].filters[0].args.key-resolver=#{@userKeyResolver}")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsStartupOnAReplenishPeriodUnderASecond() {
		this.contextRunner.withPropertyValues("sluice.routes[0].filters[0].args.redis-rate-limiter.replenishPeriod=500ms")
			.run(failsWith("sluice.routes[0].filters[0]", "replenishPeriod must be at least 1s"));
	}

	private static ContextConsumer<AssertableReactiveWebApplicationContext> failsWith(String property, String message) {
		return (context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (!(failure instanceof RouteDefinitionException) && failure.getCause() != null) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(RouteDefinitionException.class)
				.hasMessageContaining(property)
				.hasMessageContaining(message);
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		final RequestRateLimiterGatewayFilterFactory factory = new RequestRateLimiterGatewayFilterFactory(null, null,
				java.util.Map::of, dev.sluice.forwarded.TrustedProxies.NONE,
				new RequestRateLimiterGatewayFilterFactory.Defaults(true, true),
				dev.sluice.ratelimit.RateLimitListener.NONE);

		@Bean
		RequestRateLimiterGatewayFilterFactory userRequestRateLimiterGatewayFilterFactory() {
			return this.factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class KeyResolverConfiguration {

		@Bean
		KeyResolver userKeyResolver() {
			return (exchange) -> Mono.just("user");
		}

	}

}
