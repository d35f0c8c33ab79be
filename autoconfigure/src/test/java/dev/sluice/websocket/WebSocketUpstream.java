package dev.sluice.websocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.LoopResources;

/**
 * A real WebSocket upstream on a random loopback port (Reactor Netty's WebSocket server), shared by
 * the WebSocket tests. {@code /echo} answers each text and binary frame with the same, each ping
 * with a pong, and each pong with the text {@code pong:<payload>}; some texts are commands:
 * {@code ping-me:<x>} makes it ping with {@code x}, {@code close:<code>:<reason>} makes it close,
 * {@code reset} makes it reset the connection, {@code big:<n>} makes it send a binary frame of
 * {@code n} bytes. {@code /refuse} answers 403 with a body. It records each session's handshake
 * headers, the pings it received and how each session ended.
 */
final class WebSocketUpstream {

	/** Subprotocols the upstream speaks, in its order of preference. */
	static final String PROTOCOLS = "v2.chat,v1.chat";

	private static final WebSocketUpstream INSTANCE = new WebSocketUpstream();

	private final DisposableServer server;

	private final BlockingQueue<HttpHeaders> handshakes = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> pings = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> ends = new LinkedBlockingQueue<>();

	private WebSocketUpstream() {
		this.server = HttpServer.create()
			.runOn(LoopResources.create("ws-upstream", 2, true))
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.route((request) -> request.uri().startsWith("/refuse"), (request, response) -> response.status(HttpResponseStatus.FORBIDDEN)
					.header("X-Refused", "yes")
					.sendString(Mono.just("no entry")))
				.get("/**", (request, response) -> {
					this.handshakes.add(request.requestHeaders().copy());
					WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder()
						.handlePing(true)
						.maxFramePayloadLength(1024 * 1024);
					// Reactor Netty runs no handler when it has protocols and the client asked for
					// none of them: choose here, in the upstream's order of preference.
					String requested = request.requestHeaders().get("Sec-WebSocket-Protocol", "");
					for (String protocol : PROTOCOLS.split(",")) {
						if (List.of(requested.split("\\s*,\\s*")).contains(protocol)) {
							spec.protocols(protocol);
							break;
						}
					}
					return response.header("X-Upstream", "handshake").sendWebsocket(this::echo, spec.build());
				}))
			.bindNow(Duration.ofSeconds(10));
	}

	static WebSocketUpstream get() {
		return INSTANCE;
	}

	String uri(String scheme) {
		return scheme + "://127.0.0.1:" + this.server.port();
	}

	void clear() {
		this.handshakes.clear();
		this.pings.clear();
		this.ends.clear();
	}

	HttpHeaders nextHandshake(Duration timeout) throws InterruptedException {
		return this.handshakes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	String nextPing(Duration timeout) throws InterruptedException {
		return this.pings.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns how the next session ended: {@code code:reason}, or {@code none} without a close
	 * frame.
	 */
	String nextEnd(Duration timeout) throws InterruptedException {
		return this.ends.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private Mono<Void> echo(WebsocketInbound in, WebsocketOutbound out) {
		in.receiveCloseStatus()
			.map((status) -> status.code() + ":" + status.reasonText())
			.defaultIfEmpty("none")
			.subscribe(this.ends::add);
		Flux<WebSocketFrame> answers = in.aggregateFrames(1024 * 1024).receiveFrames().handle((frame, sink) -> {
			WebSocketFrame answer = answer(frame, in, out);
			if (answer != null) {
				sink.next(answer);
			}
		});
		return out.sendObject(answers).then();
	}

	private @Nullable WebSocketFrame answer(WebSocketFrame frame, WebsocketInbound in, WebsocketOutbound out) {
		if (frame instanceof TextWebSocketFrame text) {
			return command(text.text(), in, out);
		}
		if (frame instanceof BinaryWebSocketFrame) {
			return new BinaryWebSocketFrame(frame.content().retain());
		}
		if (frame instanceof PingWebSocketFrame) {
			this.pings.add(frame.content().toString(StandardCharsets.UTF_8));
			return new PongWebSocketFrame(frame.content().retain());
		}
		if (frame instanceof PongWebSocketFrame) {
			return new TextWebSocketFrame("pong:" + frame.content().toString(StandardCharsets.UTF_8));
		}
		return null;
	}

	private @Nullable WebSocketFrame command(String text, WebsocketInbound in, WebsocketOutbound out) {
		if (text.startsWith("ping-me:")) {
			return new PingWebSocketFrame(io.netty.buffer.Unpooled
				.copiedBuffer(text.substring("ping-me:".length()), StandardCharsets.UTF_8));
		}
		if (text.startsWith("close:")) {
			String[] parts = text.split(":", 3);
			out.sendClose(Integer.parseInt(parts[1]), parts[2]).subscribe();
			return null;
		}
		if (text.equals("reset")) {
			in.withConnection((connection) -> {
				connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
				connection.channel().close();
			});
			return null;
		}
		if (text.startsWith("big:")) {
			int size = Integer.parseInt(text.substring("big:".length()));
			ByteBuf big = io.netty.buffer.Unpooled.buffer(size).writeZero(size);
			return new BinaryWebSocketFrame(big);
		}
		return new TextWebSocketFrame(text);
	}

}
