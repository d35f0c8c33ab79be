package dev.sluice.autoconfigure;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.forwarded.ForwardedHeaders;
import dev.sluice.proxy.GatewayWebHandler;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.proxy.UpstreamClients;
import dev.sluice.proxy.UpstreamTls;
import dev.sluice.websocket.WebSocketRoutingHandler;
import dev.sluice.websocket.WebSocketSettings;

import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.Assert;

/**
 * Auto-configuration of WebSocket proxying: the handler that takes a route's WebSocket
 * handshakes and hands every other request to the gateway's HTTP handler.
 */
@AutoConfiguration(after = { SluiceAutoConfiguration.class, SluiceHttpClientAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = { "org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService",
		"reactor.netty.http.client.WebsocketClientSpec" })
@ConditionalOnBooleanProperty(name = "sluice.websocket.enabled", matchIfMissing = true)
@ConditionalOnBean({ GatewayWebHandler.class, ResponseWriterSelector.class })
@EnableConfigurationProperties(SluiceWebSocketProperties.class)
public final class SluiceWebSocketAutoConfiguration {

	/**
	 * The client for upstream WebSocket connections: configured as the HTTP client is, but not
	 * pooled, since a session holds its connection for as long as it lasts and would otherwise
	 * count against the pool's limits for HTTP. Not a candidate for injection by type, so that
	 * {@code HttpClient} still means the HTTP client.
	 */
	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "sluiceWebSocketHttpClient")
	HttpClient sluiceWebSocketHttpClient(SluiceHttpClientProperties properties,
			ObjectProvider<SluiceHttpClientCustomizer> customizers) {
		return SluiceHttpClientAutoConfiguration.configure(HttpClient.newConnection(), properties, customizers);
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketRoutingHandler sluiceWebSocketRoutingHandler(GatewayWebHandler sluiceGatewayWebHandler,
			@Qualifier("sluiceWebSocketHttpClient") HttpClient sluiceWebSocketHttpClient,
			ResponseWriterSelector writerSelector,
			ObjectProvider<BufferLedger> bufferLedger, SluiceHttpClientProperties httpClientProperties,
			SluiceWebSocketProperties properties, ObjectProvider<UpstreamTls> upstreamTls,
			ObjectProvider<ForwardedHeaders> forwardedHeaders) {
		UpstreamClients clients = new UpstreamClients(sluiceWebSocketHttpClient, httpClientProperties.isLoopAffinity(),
				upstreamTls.getIfAvailable(UpstreamTls::defaults));
		return new WebSocketRoutingHandler(sluiceGatewayWebHandler, clients, writerSelector,
				bufferLedger.getIfAvailable(), settings(properties),
				forwardedHeaders.getIfAvailable(() -> ForwardedHeaders.NONE));
	}

	static WebSocketSettings settings(SluiceWebSocketProperties properties) {
		long max = properties.getMaxFramePayloadLength().toBytes();
		Assert.isTrue(max > 0 && max <= Integer.MAX_VALUE,
				() -> "sluice.websocket.max-frame-payload-length must be between 1B and 2GB, not " + max + "B");
		Assert.isTrue(properties.getIdleTimeout() == null || properties.getIdleTimeout().toMillis() > 0,
				"sluice.websocket.idle-timeout must be positive");
		Assert.isTrue(properties.getPingInterval() == null || properties.getPingInterval().toMillis() > 0,
				"sluice.websocket.ping-interval must be positive");
		return new WebSocketSettings((int) max, properties.getIdleTimeout(), properties.getPingInterval());
	}

}
