package dev.sluice.autoconfigure;

import dev.sluice.actuate.BufferMetrics;
import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.NettyLeakReports;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the buffer and leak meters.
 */
@AutoConfiguration(after = SluiceBufferAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, NettyLeakReports.class })
public final class SluiceBufferMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BufferMetrics sluiceBufferMetrics(ObjectProvider<BufferLedger> ledger, NettyLeakReports nettyReports) {
		return new BufferMetrics(ledger.getIfAvailable(), nettyReports);
	}

}
