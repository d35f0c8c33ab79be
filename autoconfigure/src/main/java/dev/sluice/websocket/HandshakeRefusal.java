package dev.sluice.websocket;

import java.io.ByteArrayOutputStream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.sluice.proxy.HopByHopHeaders;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * The upstream's answer to a handshake it refused (anything but a {@code 101}), passed to the
 * client as it came: status, end-to-end headers and body. Reactor Netty's WebSocket client reports
 * such an answer as an error without its body, so a {@link Recorder} in the connection's pipeline
 * keeps a copy of the answer while the handshake is in progress.
 */
final class HandshakeRefusal extends RuntimeException {

	private static final String SUBPROTOCOL = "Sec-WebSocket-Protocol";

	/** The most of a refusal's body kept; Reactor Netty reads at most 8 KiB of a handshake answer. */
	private static final int MAX_BODY = 64 * 1024;

	private final int status;

	private final io.netty.handler.codec.http.HttpHeaders headers;

	private final byte[] body;

	HandshakeRefusal(int status, io.netty.handler.codec.http.HttpHeaders headers, byte[] body, Throwable cause) {
		super("Upstream refused the WebSocket handshake with " + status, cause, false, false);
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	int status() {
		return this.status;
	}

	/**
	 * Writes the refusal as the client's response.
	 * @param response the client's response, not committed
	 * @return completion of the write
	 */
	Mono<Void> writeTo(ServerHttpResponse response) {
		response.setStatusCode(HttpStatusCode.valueOf(this.status));
		HttpHeaders target = response.getHeaders();
		target.clear();
		HopByHopHeaders.forEachEndToEnd(this.headers, () -> this.headers.valueStringIterator(HttpHeaders.CONNECTION),
				(name, value) -> {
					if (!HandshakeHeaders.isWebSocketHeader(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
						target.add(name, value);
					}
				});
		target.setContentLength(this.body.length);
		DataBuffer buffer = response.bufferFactory().wrap(this.body);
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * Copies the answer to a handshake as it passes through the pipeline, for a refusal, and
	 * takes the subprotocol out of a 101; lets everything pass untouched once the answer has
	 * ended.
	 */
	static final class Recorder extends ChannelInboundHandlerAdapter {

		static final String NAME = "sluice.webSocketHandshakeAnswer";

		private volatile int status;

		private volatile io.netty.handler.codec.http.HttpHeaders headers = new DefaultHttpHeaders();

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private volatile boolean done;

		private volatile @Nullable String subprotocol;

		/**
		 * Returns the subprotocol the upstream's 101 chose.
		 * @return the subprotocol, or {@code null} for none
		 */
		@Nullable String subprotocol() {
			String protocol = this.subprotocol;
			return (protocol != null && !protocol.isBlank()) ? protocol.trim() : null;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!this.done) {
				if (msg instanceof HttpResponse response) {
					this.status = response.status().code();
					this.headers = response.headers().copy();
					if (this.status == 101) {
						// Taken out of Netty's sight: its handshaker fails a 101 without a
						// subprotocol when some were asked for, which RFC 6455 allows.
						this.subprotocol = response.headers().get(SUBPROTOCOL);
						response.headers().remove(SUBPROTOCOL);
					}
				}
				if (msg instanceof HttpContent content && this.status != 101) {
					int length = Math.min(content.content().readableBytes(), MAX_BODY - this.body.size());
					if (length > 0) {
						byte[] bytes = new byte[length];
						content.content().getBytes(content.content().readerIndex(), bytes);
						this.body.writeBytes(bytes);
					}
				}
				if (msg instanceof LastHttpContent || this.status == 101) {
					this.done = true;
				}
			}
			ctx.fireChannelRead(msg);
		}

		/**
		 * Returns the refusal the recorded answer makes, if there was one.
		 * @param cause the error Reactor Netty reported
		 * @return the refusal, or {@code null} if no whole answer other than a 101 was seen
		 */
		@Nullable HandshakeRefusal refusal(Throwable cause) {
			if (!this.done || this.status == 0 || this.status == 101) {
				return null;
			}
			return new HandshakeRefusal(this.status, this.headers, this.body.toByteArray(), cause);
		}

	}

}
