package dev.sluice.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import dev.sluice.forwarded.ForwardedHeaders;
import dev.sluice.proxy.GatewayWebHandler;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.proxy.UpstreamClients;
import dev.sluice.proxy.UpstreamTls;
import dev.sluice.proxy.WriterStrategy;
import dev.sluice.route.RouteHandlerMapping;
import dev.sluice.websocket.WebSocketRoutingHandler;
import dev.sluice.websocket.WebSocketSettings;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceWebSocketAutoConfiguration}.
 */
class SluiceWebSocketAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceHttpClientAutoConfiguration.class,
				SluiceServerAutoConfiguration.class, SluiceBufferAutoConfiguration.class, SluiceAutoConfiguration.class,
				SluiceWebSocketAutoConfiguration.class));

	@Test
	void routesHandshakesThroughTheWebSocketHandler() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebSocketRoutingHandler.class).hasSingleBean(GatewayWebHandler.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(RouteHandlerMapping.class), "gatewayHandler"))
				.isSameAs(context.getBean(WebSocketRoutingHandler.class));
			// The unpooled client for WebSocket upstreams is not injected where an HttpClient is.
			assertThat(context).hasBean("sluiceWebSocketHttpClient");
		});
	}

	@Test
	void leavesHandshakesToTheHttpHandlerWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.websocket.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WebSocketRoutingHandler.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(RouteHandlerMapping.class), "gatewayHandler"))
				.isSameAs(context.getBean(GatewayWebHandler.class));
		});
	}

	@Test
	void isAbsentWhenTheGatewayIsDisabled() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketRoutingHandler.class));
	}

	@Test
	void isAbsentInAServletApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SluiceWebSocketAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketRoutingHandler.class));
	}

	@Test
	void mapsThePropertiesOntoTheSettings() {
		SluiceWebSocketProperties properties = new SluiceWebSocketProperties();
		assertThat(SluiceWebSocketAutoConfiguration.settings(properties))
			.isEqualTo(new WebSocketSettings(65536, null, null));
		properties.setIdleTimeout(Duration.ofMinutes(10));
		properties.setPingInterval(Duration.ofSeconds(30));
		properties.setMaxFramePayloadLength(org.springframework.util.unit.DataSize.ofKilobytes(128));
		assertThat(SluiceWebSocketAutoConfiguration.settings(properties))
			.isEqualTo(new WebSocketSettings(131072, Duration.ofMinutes(10), Duration.ofSeconds(30)));
	}

	@Test
	void backsOffWhenTheUserDefinesTheHandler() {
		ResponseWriterSelector writers = new ResponseWriterSelector(WriterStrategy.AUTO);
		WebSocketRoutingHandler own = new WebSocketRoutingHandler(
				new GatewayWebHandler(HttpClient.create(), writers, null), new UpstreamClients(HttpClient.create(), false,
						UpstreamTls.defaults()),
				writers, null, new WebSocketSettings(1024, null, null), ForwardedHeaders.NONE);
		this.contextRunner.withBean("ownHandler", WebSocketRoutingHandler.class, () -> own)
			.run((context) -> assertThat(context.getBean(WebSocketRoutingHandler.class)).isSameAs(own));
	}

}
