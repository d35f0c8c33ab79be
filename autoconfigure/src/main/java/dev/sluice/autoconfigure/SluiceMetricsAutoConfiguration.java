package dev.sluice.autoconfigure;

import dev.sluice.observation.RouteRequestMetrics;
import dev.sluice.route.RefreshRoutesEvent;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code sluice.requests} timer (and Spring Cloud Gateway's
 * {@code spring.cloud.gateway.requests} with {@code sluice.metrics.scg-compatible}), when
 * Micrometer is present and there is a {@link MeterRegistry}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = { "sluice.enabled", "sluice.metrics.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(SluiceMetricsProperties.class)
public final class SluiceMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RouteRequestMetrics sluiceRouteRequestMetrics(MeterRegistry meterRegistry, SluiceMetricsProperties properties) {
		return new RouteRequestMetrics(meterRegistry, properties.isScgCompatible());
	}

	@Bean
	ApplicationListener<RefreshRoutesEvent> sluiceRouteRequestMetricsRefresh(RouteRequestMetrics sluiceRouteRequestMetrics) {
		return (event) -> sluiceRouteRequestMetrics.forgetRoutes();
	}

}
