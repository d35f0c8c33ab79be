package dev.sluice.autoconfigure;

import dev.sluice.server.ResponseWriterSelector;
import dev.sluice.server.ServerDetector;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that recognizes the running server and picks the response writer for it.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceBufferProperties.class)
public final class SluiceServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResponseWriterSelector sluiceResponseWriterSelector(SluiceBufferProperties properties) {
		return new ResponseWriterSelector(properties.getWriter());
	}

	@Bean
	ServerDetector sluiceServerDetector(ResponseWriterSelector sluiceResponseWriterSelector) {
		return new ServerDetector(sluiceResponseWriterSelector);
	}

}
