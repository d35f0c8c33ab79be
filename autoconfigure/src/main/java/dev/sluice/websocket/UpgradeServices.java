package dev.sluice.websocket;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.WebsocketServerSpec;

import dev.sluice.server.RunningServer;

import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.StandardWebSocketUpgradeStrategy;

/**
 * Spring's handshake service with the upgrade strategy of the server that runs, made on first
 * use: the server is known only once it has started, and the Servlet strategy needs the Jakarta
 * WebSocket API, absent from a Reactor Netty application.
 */
final class UpgradeServices {

	private final WebSocketSettings settings;

	private volatile @Nullable WebSocketService reactorNetty;

	private volatile @Nullable WebSocketService servlet;

	UpgradeServices(WebSocketSettings settings) {
		this.settings = settings;
	}

	WebSocketService forServer(RunningServer server) {
		if (!server.servlet()) {
			WebSocketService service = this.reactorNetty;
			if (service == null) {
				int max = this.settings.maxFramePayloadLength();
				// Pings reach the relay, which passes them on; Reactor Netty would answer them itself.
				service = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
						() -> WebsocketServerSpec.builder().maxFramePayloadLength(max).handlePing(true)));
				this.reactorNetty = service;
			}
			return service;
		}
		WebSocketService service = this.servlet;
		if (service == null) {
			StandardWebSocketUpgradeStrategy strategy = new StandardWebSocketUpgradeStrategy();
			// The container's defaults, which the strategy sets for every endpoint of the container.
			strategy.setMaxTextMessageBufferSize(this.settings.maxFramePayloadLength());
			strategy.setMaxBinaryMessageBufferSize(this.settings.maxFramePayloadLength());
			service = new HandshakeWebSocketService(strategy);
			this.servlet = service;
		}
		return service;
	}

}
