package dev.sluice.autoconfigure;

import dev.sluice.guard.DotSegmentsWebFilter;
import dev.sluice.guard.HostHeaderWebFilter;
import dev.sluice.guard.TransferEncodingWebFilter;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of what the gateway refuses from clients before routing: a
 * {@code Transfer-Encoding} that does not end in {@code chunked}, an invalid or repeated
 * {@code Host} header, and paths with dot-segments, unless
 * {@code sluice.request.allow-dot-segments} is set.
 */
@AutoConfiguration(before = SluiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceRequestGuardProperties.class)
public final class SluiceRequestGuardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "sluice.request.allow-dot-segments", havingValue = false, matchIfMissing = true)
	DotSegmentsWebFilter dotSegmentsWebFilter() {
		return new DotSegmentsWebFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	HostHeaderWebFilter hostHeaderWebFilter() {
		return new HostHeaderWebFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	TransferEncodingWebFilter transferEncodingWebFilter() {
		return new TransferEncodingWebFilter();
	}

}
