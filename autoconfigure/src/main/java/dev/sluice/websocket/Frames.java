package dev.sluice.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import dev.sluice.buffer.LedgerEntry;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The hand-off of one frame's buffer from the side that received it to the side that sends it,
 * counted in the session's ledger entry, and the gateway's own keep-alive frames.
 */
final class Frames {

	/** Payload of the gateway's own keep-alive pings; pongs that carry it are not passed on. */
	private static final byte[] KEEP_ALIVE = "sluice-keep-alive".getBytes(StandardCharsets.US_ASCII);

	private static final String KEEP_ALIVE_TEXT = new String(KEEP_ALIVE, StandardCharsets.US_ASCII);

	private Frames() {
	}

	/**
	 * Hands a client's frame to the upstream connection, which releases it once written. A Netty
	 * server's buffer is retained, since its receiver releases it once {@code onNext} returns; a
	 * Servlet container's heap bytes are wrapped.
	 */
	static WebSocketFrame toUpstream(WebSocketMessage message, LedgerEntry entry) {
		DataBuffer payload = message.getPayload();
		ByteBuf content;
		if (payload instanceof NettyDataBuffer netty) {
			content = netty.getNativeBuffer().retain();
		}
		else {
			List<ByteBuffer> parts = new ArrayList<>(1);
			try (DataBuffer.ByteBufferIterator iterator = payload.readableByteBuffers()) {
				iterator.forEachRemaining(parts::add);
			}
			content = Unpooled.wrappedBuffer(parts.toArray(ByteBuffer[]::new));
		}
		ByteBuf owned = entry.track(content.touch("sluice: WebSocket frame handed to the upstream connection"));
		return switch (message.getType()) {
			case TEXT -> new TextWebSocketFrame(owned);
			case BINARY -> new BinaryWebSocketFrame(owned);
			case PING -> new PingWebSocketFrame(owned);
			case PONG -> new PongWebSocketFrame(owned);
		};
	}

	/**
	 * Hands an upstream frame to the client's session: retained and passed to a Netty server,
	 * which releases it once written; copied to the heap and released here for a Servlet
	 * container, whose session never releases what it sends.
	 */
	static WebSocketMessage toClient(WebSocketFrame frame, WebSocketSession session, boolean copying,
			LedgerEntry entry) {
		WebSocketMessage.Type type = typeOf(frame);
		ByteBuf owned = entry.track(frame.content().retain());
		if (copying) {
			try {
				return new WebSocketMessage(type, session.bufferFactory().wrap(ByteBufUtil.getBytes(owned)));
			}
			finally {
				owned.release();
			}
		}
		owned.touch("sluice: WebSocket frame handed to the client connection");
		return new WebSocketMessage(type, ((NettyDataBufferFactory) session.bufferFactory()).wrap(owned));
	}

	static WebSocketFrame keepAlivePing() {
		return new PingWebSocketFrame(Unpooled.wrappedBuffer(KEEP_ALIVE));
	}

	static WebSocketMessage keepAlivePing(WebSocketSession session) {
		return new WebSocketMessage(WebSocketMessage.Type.PING, session.bufferFactory().wrap(KEEP_ALIVE));
	}

	static boolean isNotKeepAlivePong(WebSocketMessage message) {
		return message.getType() != WebSocketMessage.Type.PONG || !message.getPayloadAsText().equals(KEEP_ALIVE_TEXT);
	}

	static boolean isNotKeepAlivePong(WebSocketFrame frame) {
		return !(frame instanceof PongWebSocketFrame)
				|| !ByteBufUtil.equals(frame.content(), Unpooled.wrappedBuffer(KEEP_ALIVE));
	}

	private static WebSocketMessage.Type typeOf(WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame) {
			return WebSocketMessage.Type.TEXT;
		}
		if (frame instanceof PingWebSocketFrame) {
			return WebSocketMessage.Type.PING;
		}
		if (frame instanceof PongWebSocketFrame) {
			return WebSocketMessage.Type.PONG;
		}
		// Binary; continuation frames never arrive here, the aggregator joins them.
		return WebSocketMessage.Type.BINARY;
	}

}
