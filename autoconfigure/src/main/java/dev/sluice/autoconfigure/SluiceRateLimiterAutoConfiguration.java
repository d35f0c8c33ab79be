package dev.sluice.autoconfigure;

import dev.sluice.forwarded.TrustedProxies;
import dev.sluice.ratelimit.KeyResolver;
import dev.sluice.ratelimit.LocalRateLimiter;
import dev.sluice.ratelimit.RateLimitListener;
import dev.sluice.ratelimit.RateLimiterMeters;
import dev.sluice.ratelimit.RedisRateLimiter;
import dev.sluice.ratelimit.RequestRateLimiterGatewayFilterFactory;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Auto-configuration of the {@code RequestRateLimiter} filter: buckets in Redis when Spring Data
 * Redis's {@code ReactiveStringRedisTemplate} is there, in memory when Bucket4j and Caffeine are, and
 * meters when Micrometer is. A route that asks for a store whose library is absent fails startup
 * naming it.
 */
@AutoConfiguration(after = SluiceForwardedAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceRateLimiterProperties.class)
public final class SluiceRateLimiterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestRateLimiterGatewayFilterFactory requestRateLimiterGatewayFilterFactory(SluiceRateLimiterProperties properties,
			ObjectProvider<RedisRateLimiter> redis, ObjectProvider<LocalRateLimiter> local,
			ObjectProvider<TrustedProxies> trustedProxies, ObjectProvider<RateLimitListener> listeners,
			ListableBeanFactory beans) {
		return new RequestRateLimiterGatewayFilterFactory(redis.getIfAvailable(), local.getIfAvailable(),
				() -> beans.getBeansOfType(KeyResolver.class), trustedProxies.getIfAvailable(() -> TrustedProxies.NONE),
				new RequestRateLimiterGatewayFilterFactory.Defaults(properties.isIncludeHeaders(),
						properties.getRedis().isFailOpen()),
				listeners.getIfAvailable(() -> RateLimitListener.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.core.ReactiveStringRedisTemplate")
	@ConditionalOnBean(type = "org.springframework.data.redis.core.ReactiveStringRedisTemplate")
	static class RedisConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisRateLimiter sluiceRedisRateLimiter(ReactiveStringRedisTemplate redis, SluiceRateLimiterProperties properties) {
			return new RedisRateLimiter(redis, properties.getRedis().getTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.github.bucket4j.Bucket", "com.github.benmanes.caffeine.cache.Caffeine" })
	static class LocalConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LocalRateLimiter sluiceLocalRateLimiter(SluiceRateLimiterProperties properties) {
			return new LocalRateLimiter(properties.getLocal().getMaxKeys());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
	static class MetersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitListener sluiceRateLimiterMeters(MeterRegistry registry) {
			return new RateLimiterMeters(registry);
		}

	}

}
