package dev.sluice.autoconfigure;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.NettyLeakReports;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the buffer ledger and of the capture of Netty's leak reports.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceBufferProperties.class)
public final class SluiceBufferAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "sluice.buffers.tracking", matchIfMissing = true)
	BufferLedger sluiceBufferLedger(SluiceBufferProperties properties) {
		return new BufferLedger(properties.getLeakGrace(), properties.getMaxReports());
	}

	@Bean
	@ConditionalOnMissingBean
	NettyLeakReports sluiceNettyLeakReports(SluiceBufferProperties properties) {
		NettyLeakReports reports = NettyLeakReports.get();
		reports.setCapacity(properties.getMaxReports());
		return reports;
	}

}
