package dev.sluice.autoconfigure;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.server.OneLineHttpMessageLogFactory;
import dev.sluice.server.RequestHeadTimeout;
import dev.sluice.server.ServerDetector;
import dev.sluice.server.servlet.ServletStreamsFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that recognizes the running server and picks the response writer for it.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SluiceBufferProperties.class, SluiceHttpClientProperties.class,
		SluiceServerProperties.class })
public final class SluiceServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResponseWriterSelector sluiceResponseWriterSelector(SluiceBufferProperties properties,
			SluiceHttpClientProperties httpClientProperties) {
		long readAhead = properties.getReadAhead().toBytes();
		if (readAhead <= 0) {
			throw new InvalidConfigurationPropertyValueException("sluice.buffers.read-ahead",
					properties.getReadAhead(), "must be positive");
		}
		long pieces = readAhead / Math.max(1, httpClientProperties.getMaxChunkSize().toBytes());
		return new ResponseWriterSelector(properties.getWriter(), (int) Math.max(1, Math.min(pieces, 128)));
	}

	@Bean
	ServerDetector sluiceServerDetector(ResponseWriterSelector sluiceResponseWriterSelector) {
		return new ServerDetector(sluiceResponseWriterSelector::serverDetected);
	}

	/**
	 * On Reactor Netty, a request the server fails to decode is logged in one line.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.reactor.netty.NettyServerCustomizer")
	static class NettyDecodingFailuresConfiguration {

		@Bean
		NettyServerCustomizer sluiceDecodingFailuresCustomizer() {
			return (server) -> server.httpMessageLogFactory(OneLineHttpMessageLogFactory.INSTANCE);
		}

	}

	/**
	 * On Tomcat, request bodies are read through a stream whose reads run one at a time, which
	 * keeps Spring's Servlet read publisher from losing the container's wake-up, and response
	 * bodies are written through a stream that stops reaching the container once the request has
	 * completed, so a late write cannot land in a recycled request.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory")
	static class TomcatBodyStreamsConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatReactiveWebServerFactory> sluiceServletStreamsCustomizer() {
			return (factory) -> factory.addContextCustomizers((context) -> context
				.addServletContainerInitializer((classes, servletContext) -> {
					FilterRegistration.Dynamic filter = servletContext.addFilter(ServletStreamsFilter.NAME,
							new ServletStreamsFilter());
					filter.setAsyncSupported(true);
					filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
				}, Set.of()));
		}

	}

	/**
	 * On Reactor Netty, a connection whose request headers take longer than
	 * {@code sluice.server.request-head-timeout} to arrive is closed.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory")
	static class NettyRequestHeadTimeoutConfiguration {

		@Bean
		WebServerFactoryCustomizer<NettyReactiveWebServerFactory> sluiceRequestHeadTimeoutCustomizer(
				SluiceServerProperties properties) {
			return (factory) -> {
				Duration timeout = properties.getRequestHeadTimeout();
				if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
					factory.addServerCustomizers((server) -> server.doOnChannelInit(RequestHeadTimeout.installer(timeout)));
				}
			};
		}

	}

}
