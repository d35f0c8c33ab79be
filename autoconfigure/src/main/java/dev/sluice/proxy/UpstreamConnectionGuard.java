package dev.sluice.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

/**
 * Keeps the responses on one upstream HTTP/1.1 connection paired with its requests: informational
 * responses never reach Reactor Netty, and a connection carrying bytes that no response accounts for
 * is closed instead of going back to the pool.
 * <p>
 * Two facts of the libraries make this necessary. Reactor Netty's client treats only {@code 100} as
 * informational: any other {@code 1xx} (a {@code 103 Early Hints}, say) becomes the exchange's final
 * response, the connection goes back to the pool, and the real final response is read by whichever
 * exchange takes the connection next. And Netty's decoder ends a {@code 204} or {@code 304} at its
 * head whatever its headers say, so a body the upstream sends anyway stays in the decoder and is
 * read as the start of the next response on the connection.
 * <p>
 * One guard serves one connection and sits on both sides of Netty's HTTP codec, all on the
 * connection's event loop:
 * <ul>
 * <li>after the codec, it drops every informational response except {@code 101}, so the exchange
 * waits for its final response on the same connection, and marks the connection not persistent
 * (Reactor Netty then closes it rather than pooling it) when the final response's framing cannot be
 * trusted: a {@code 204} with a non-zero {@code Content-Length}, a {@code 101} nobody asked for, a
 * head the decoder rejected, or bytes after the response's end;</li>
 * <li>before the codec, it sees every byte read: bytes that arrive while no request is waiting for
 * its response belong to no exchange and close the connection, and it tells which bytes of a read
 * the decoder has not used when a response ends.</li>
 * </ul>
 * Bytes that follow a response in the same read are seen exactly when the decoder read straight
 * from that read's buffer, as it does whenever it held nothing from an earlier read; when it did
 * (a read that ended inside a header line, for example), it copies into a buffer of its own, so a
 * response ending in that read is treated as followed by bytes. Bytes that arrive after the next
 * request has been sent cannot be told from its response, as in any HTTP/1.1 client.
 * <p>
 * A {@code 101} that answers a request asking for an upgrade (a WebSocket handshake) ends the
 * guard's work: the connection now carries another protocol, and the guard lets it pass.
 */
final class UpstreamConnectionGuard {

	/** Installs a guard on each new HTTP/1.1 connection of a client. */
	static final ChannelPipelineConfigurer INSTALLER = (observer, channel, remoteAddress) -> install(channel.pipeline());

	private static final String BYTES = "sluice.upstreamBytes";

	private static final String MESSAGES = "sluice.upstreamMessages";

	/** A request has been written and its final response has not ended. */
	private boolean awaitingResponse;

	/** The next end of a message belongs to a dropped informational response. */
	private boolean interimEnding;

	/**
	 * The decoder is inside a body delimited by its length or by the close, where it consumes every
	 * byte of each read.
	 */
	private boolean bodyByLength;

	/** The decoder may still hold bytes from an earlier read. */
	private boolean decoderMayHoldBytes;

	/** The buffer of the read in progress, retained for the read's duration. */
	private @Nullable ByteBuf reading;

	/** The decoder copied the read in progress behind bytes it held, so its buffer says nothing. */
	private boolean readingCopied;

	/** The request in progress asked to switch protocols ({@code Upgrade}, as a WebSocket handshake does). */
	private boolean upgradeRequested;

	/**
	 * The upstream agreed to the requested switch: what follows is no longer HTTP/1.1, and the
	 * guard lets everything pass in both directions. Such a connection is never pooled again.
	 */
	private boolean switched;

	private UpstreamConnectionGuard() {
	}

	static void install(ChannelPipeline pipeline) {
		// Only HTTP/1.1: an HTTP/2 connection has no such codec, and frames responses itself.
		if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(NettyPipeline.H2CUpgradeHandler) != null) {
			return;
		}
		UpstreamConnectionGuard guard = new UpstreamConnectionGuard();
		pipeline.addBefore(NettyPipeline.HttpCodec, BYTES, guard.new Bytes());
		pipeline.addAfter(NettyPipeline.HttpCodec, MESSAGES, guard.new Messages());
	}

	/**
	 * Returns whether the response's end is where the decoder put it. A 204 cannot have a body,
	 * so a {@code Content-Length} on one announces a body the decoder will not read; after a 101
	 * whatever follows is not HTTP/1.1 (Sluice asks for one only in a WebSocket handshake, and
	 * never forwards a client's {@code Upgrade} over HTTP).
	 */
	private static boolean framingIsTrusted(HttpResponse response) {
		int code = response.status().code();
		if (code == 101) {
			return false;
		}
		if (code == 204) {
			String length = response.headers().get(HttpHeaderNames.CONTENT_LENGTH);
			return length == null || "0".equals(length.strip());
		}
		return true;
	}

	private boolean bytesFollowTheResponse() {
		ByteBuf buffer = this.reading;
		return buffer != null && (this.readingCopied || buffer.isReadable());
	}

	/**
	 * Keeps the connection of the exchange in progress out of the pool.
	 */
	private static void doNotPool(ChannelHandlerContext ctx) {
		ChannelOperations<?, ?> exchange = ChannelOperations.get(ctx.channel());
		if (exchange != null) {
			exchange.markPersistent(false);
		}
		else {
			ctx.close();
		}
	}

	/**
	 * Closes the connection: something arrived that belongs to no exchange.
	 */
	private static void unaccounted(ChannelHandlerContext ctx, Object msg) {
		ReferenceCountUtil.release(msg);
		ctx.close();
	}

	/**
	 * Sees the bytes of each read before the decoder does.
	 */
	private final class Bytes extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!(msg instanceof ByteBuf buffer)) {
				ctx.fireChannelRead(msg);
				return;
			}
			UpstreamConnectionGuard guard = UpstreamConnectionGuard.this;
			if (guard.switched) {
				ctx.fireChannelRead(buffer);
				return;
			}
			if (!guard.awaitingResponse && buffer.isReadable()) {
				unaccounted(ctx, buffer);
				return;
			}
			// The decoder reads straight from this buffer unless it holds bytes from before or
			// needs one contiguous buffer; then it copies, and this buffer tells nothing.
			boolean copied = guard.decoderMayHoldBytes || !buffer.isContiguous();
			guard.reading = buffer.retain();
			guard.readingCopied = copied;
			try {
				ctx.fireChannelRead(buffer);
			}
			finally {
				guard.reading = null;
				guard.decoderMayHoldBytes = guard.readingCopied ? !guard.bodyByLength : buffer.isReadable();
				buffer.release();
			}
		}

	}

	/**
	 * Sees the requests written and the messages the decoder makes of the responses.
	 */
	private final class Messages extends ChannelDuplexHandler {

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof HttpRequest request) {
				UpstreamConnectionGuard.this.awaitingResponse = true;
				UpstreamConnectionGuard.this.upgradeRequested = request.headers().contains(HttpHeaderNames.UPGRADE);
			}
			ctx.write(msg, promise);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			UpstreamConnectionGuard guard = UpstreamConnectionGuard.this;
			if (guard.switched) {
				ctx.fireChannelRead(msg);
				return;
			}
			ByteBuf buffer = guard.reading;
			if (buffer != null && buffer.isReadable()) {
				// A copying decoder drains the read's buffer before it decodes anything: this one
				// reads straight from it, so the buffer shows what follows.
				guard.readingCopied = false;
			}
			if (msg instanceof HttpResponse response) {
				response(ctx, response);
			}
			else if (msg instanceof LastHttpContent last && guard.interimEnding) {
				guard.interimEnding = false;
				last.release();
				// Nothing went on to Reactor Netty, which reads on demand: ask for the rest.
				if (!ctx.channel().config().isAutoRead()) {
					ctx.read();
				}
			}
			else if (!guard.awaitingResponse) {
				// Content of a response nobody asked for, or bytes after a protocol switch.
				unaccounted(ctx, msg);
			}
			else if (msg instanceof LastHttpContent last) {
				end(ctx, last);
			}
			else {
				ctx.fireChannelRead(msg);
			}
		}

		private void response(ChannelHandlerContext ctx, HttpResponse response) {
			UpstreamConnectionGuard guard = UpstreamConnectionGuard.this;
			if (!guard.awaitingResponse) {
				unaccounted(ctx, response);
				return;
			}
			if (response.decoderResult().isFailure()) {
				// The decoder now discards everything it reads; Reactor Netty fails the exchange.
				doNotPool(ctx);
				ctx.fireChannelRead(response);
				return;
			}
			HttpResponseStatus status = response.status();
			if (status.codeClass() == HttpStatusClass.INFORMATIONAL && status.code() != 101) {
				// The decoder never reads a body for a 1xx; the empty end it emits is dropped too.
				guard.interimEnding = !(response instanceof LastHttpContent);
				ReferenceCountUtil.release(response);
				return;
			}
			if (!framingIsTrusted(response)) {
				doNotPool(ctx);
			}
			if (status.code() == 101 && guard.upgradeRequested) {
				guard.switched = true;
				ctx.fireChannelRead(response);
				return;
			}
			if (response instanceof LastHttpContent) {
				ended(ctx);
			}
			else {
				guard.bodyByLength = !HttpUtil.isTransferEncodingChunked(response);
			}
			ctx.fireChannelRead(response);
		}

		private void end(ChannelHandlerContext ctx, LastHttpContent last) {
			ended(ctx);
			ctx.fireChannelRead(last);
		}

		private void ended(ChannelHandlerContext ctx) {
			UpstreamConnectionGuard guard = UpstreamConnectionGuard.this;
			guard.awaitingResponse = false;
			guard.bodyByLength = false;
			if (guard.bytesFollowTheResponse()) {
				doNotPool(ctx);
			}
		}

	}

}
