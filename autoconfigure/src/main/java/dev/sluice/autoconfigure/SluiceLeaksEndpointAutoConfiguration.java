package dev.sluice.autoconfigure;

import dev.sluice.actuate.BufferLeaksHealthIndicator;
import dev.sluice.actuate.LeaksEndpoint;
import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.NettyLeakReports;
import dev.sluice.proxy.ResponseWriterSelector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code leaks} actuator endpoint and the {@code bufferLeaks} health
 * contributor.
 */
@AutoConfiguration(after = { SluiceBufferAutoConfiguration.class, SluiceServerAutoConfiguration.class })
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean({ ResponseWriterSelector.class, NettyLeakReports.class })
public final class SluiceLeaksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(LeaksEndpoint.class)
	LeaksEndpoint leaksEndpoint(ResponseWriterSelector writers, ObjectProvider<BufferLedger> ledger,
			NettyLeakReports nettyReports) {
		return new LeaksEndpoint(writers, ledger.getIfAvailable(), nettyReports);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("bufferLeaks")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "bufferLeaksHealthIndicator")
		BufferLeaksHealthIndicator bufferLeaksHealthIndicator(ObjectProvider<BufferLedger> ledger,
				NettyLeakReports nettyReports, SluiceBufferProperties properties) {
			return new BufferLeaksHealthIndicator(ledger.getIfAvailable(), nettyReports,
					properties.getHealth().isAffectsStatus());
		}

	}

}
