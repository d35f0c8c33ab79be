package dev.sluice.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.NettyPipeline;

/**
 * Closes a Reactor Netty HTTP/1.1 connection whose request head (request line and headers) is not
 * complete a given time after its first byte arrived. Reactor Netty's own timeouts do not cover it:
 * its idle timeout counts from the last read, so a client sending one byte at a time is never idle,
 * and its read and request timeouts start once the head has been read. A connection that sends
 * nothing between requests is left to the idle timeout ({@code server.netty.idle-timeout}).
 * <p>
 * One handler before the HTTP codec sees the bytes arrive, one after it sees the request it
 * decoded. One timer at a time per connection, re-armed lazily: a fast connection schedules at most
 * one task per timeout period, not one per request.
 */
public final class RequestHeadTimeout {

	private static final String BYTES = "sluice.requestHeadStart";

	private static final String REQUESTS = "sluice.requestHeadEnd";

	private RequestHeadTimeout() {
	}

	/**
	 * Adds the timeout to a new connection's pipeline, if it speaks HTTP/1.1 through Reactor Netty's
	 * codec; for {@code HttpServer.doOnChannelInit}.
	 * @param timeout the timeout
	 * @return the pipeline configurer
	 */
	public static ChannelPipelineConfigurer installer(Duration timeout) {
		long nanos = timeout.toNanos();
		return (observer, channel, remote) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(BYTES) == null) {
				State state = new State(nanos);
				pipeline.addBefore(NettyPipeline.HttpCodec, BYTES, new Bytes(state));
				pipeline.addAfter(NettyPipeline.HttpCodec, REQUESTS, new Requests(state));
			}
		};
	}

	/**
	 * Where the connection is: between requests, inside a head, or past it (in its body).
	 */
	private static final class State implements Runnable {

		private static final int BETWEEN = 0;

		private static final int HEAD = 1;

		private static final int BODY = 2;

		private final long timeoutNanos;

		// Only touched on the connection's event loop.
		private int at = BETWEEN;

		private long deadline;

		private boolean scheduled;

		private @Nullable ChannelHandlerContext ctx;

		State(long timeoutNanos) {
			this.timeoutNanos = timeoutNanos;
		}

		void bytesArrived(ChannelHandlerContext ctx) {
			if (this.at != BETWEEN) {
				return;
			}
			this.at = HEAD;
			this.ctx = ctx;
			this.deadline = System.nanoTime() + this.timeoutNanos;
			if (!this.scheduled) {
				this.scheduled = true;
				ctx.executor().schedule(this, this.timeoutNanos, TimeUnit.NANOSECONDS);
			}
		}

		void headDecoded() {
			if (this.at == HEAD) {
				this.at = BODY;
			}
		}

		void requestEnded() {
			this.at = BETWEEN;
		}

		@Override
		public void run() {
			this.scheduled = false;
			ChannelHandlerContext ctx = this.ctx;
			if (this.at != HEAD || ctx == null || !ctx.channel().isActive()) {
				return;
			}
			long left = this.deadline - System.nanoTime();
			if (left > 0) {
				this.scheduled = true;
				ctx.executor().schedule(this, left, TimeUnit.NANOSECONDS);
			}
			else if (ctx.pipeline().get(NettyPipeline.HttpCodec) != null) {
				// Still HTTP/1.1 (not upgraded): the head is overdue.
				ctx.channel().close();
			}
		}

	}

	private static final class Bytes extends ChannelInboundHandlerAdapter {

		private final State state;

		Bytes(State state) {
			this.state = state;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
			if (msg instanceof ByteBuf) {
				this.state.bytesArrived(ctx);
			}
			ctx.fireChannelRead(msg);
		}

	}

	private static final class Requests extends ChannelInboundHandlerAdapter {

		private final State state;

		Requests(State state) {
			this.state = state;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
			if (msg instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.UPGRADE)) {
				// The connection may stop speaking HTTP/1.1 (WebSocket, h2c): no more heads to time.
				this.state.headDecoded();
				ctx.pipeline().remove(BYTES);
				ctx.pipeline().remove(this);
			}
			else if (msg instanceof LastHttpContent) {
				this.state.requestEnded();
			}
			else if (msg instanceof HttpRequest) {
				this.state.headDecoded();
			}
			ctx.fireChannelRead(msg);
		}

	}

}
