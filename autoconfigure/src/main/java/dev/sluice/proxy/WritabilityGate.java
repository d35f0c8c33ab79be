package dev.sluice.proxy;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.netty.NettyPipeline;

/**
 * Reads an upstream body no faster than the client's connection takes it, on Reactor Netty.
 * <p>
 * Reactor Netty's server asks a body for 128 buffers ahead and writes each one as it arrives,
 * writable or not ({@code MonoSendMany}), so a client that does not read held up to 128 buffers of
 * the upstream's response: 8 MiB at the gateway's 64 KiB pieces. Here the upstream is asked for at
 * most a few buffers ahead ({@code readAhead}), topped up only while the client's connection is
 * writable (below Netty's write-buffer high-water mark). Once it is not, the upstream body has no
 * demand and Reactor Netty stops reading the upstream connection (auto-read off) until the client
 * catches up; Netty's writability event resumes it. The bytes held for a client that does not read
 * are then at most the connection's high-water mark plus {@code readAhead} buffers.
 * <p>
 * While the client keeps up, the upstream's demand never drops to zero, so Reactor Netty never
 * turns auto-read off and on per buffer. Nothing is allocated per buffer; the writability handler
 * is added to a connection's pipeline the first time one of its responses has to wait.
 */
final class WritabilityGate<T> extends FluxOperator<T, T> {

	private static final String HANDLER = "sluice.writability";

	private final Channel channel;

	private final int readAhead;

	WritabilityGate(Flux<? extends T> source, Channel channel, int readAhead) {
		super(source);
		this.channel = channel;
		this.readAhead = readAhead;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(new GateSubscriber<>(actual, this.channel, this.readAhead));
	}

	private static final class GateSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

		@SuppressWarnings("rawtypes")
		private static final AtomicLongFieldUpdater<GateSubscriber> DEMAND = AtomicLongFieldUpdater
			.newUpdater(GateSubscriber.class, "demand");

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<GateSubscriber> WIP = AtomicIntegerFieldUpdater
			.newUpdater(GateSubscriber.class, "wip");

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<GateSubscriber> UPSTREAM_DEMAND = AtomicIntegerFieldUpdater
			.newUpdater(GateSubscriber.class, "upstreamDemand");

		private final CoreSubscriber<? super T> actual;

		private final Channel channel;

		private final int readAhead;

		private @Nullable Subscription upstream;

		/** Buffers the downstream asked for and has not received. */
		private volatile long demand;

		/** Buffers asked of the upstream and not received. */
		private volatile int upstreamDemand;

		private volatile int wip;

		private volatile boolean done;

		GateSubscriber(CoreSubscriber<? super T> actual, Channel channel, int readAhead) {
			this.actual = actual;
			this.channel = channel;
			this.readAhead = readAhead;
		}

		@Override
		public reactor.util.context.Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(T item) {
			UPSTREAM_DEMAND.decrementAndGet(this);
			DEMAND.decrementAndGet(this);
			this.actual.onNext(item);
			drain();
		}

		@Override
		public void onError(Throwable error) {
			this.done = true;
			this.actual.onError(error);
		}

		@Override
		public void onComplete() {
			this.done = true;
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				Operators.addCap(DEMAND, this, n);
				drain();
			}
		}

		@Override
		public void cancel() {
			this.done = true;
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
		}

		/** Resumes once the client's connection is writable again. */
		@Override
		public void run() {
			drain();
		}

		/**
		 * Tops the upstream's demand up to the read-ahead, within the downstream's, while the client's
		 * connection is writable; otherwise waits for its writability event.
		 */
		private void drain() {
			if (WIP.getAndIncrement(this) != 0) {
				return;
			}
			int missed = 1;
			do {
				if (!this.done) {
					long wanted = Math.min(this.demand, this.readAhead) - this.upstreamDemand;
					if (wanted > 0) {
						Subscription upstream = this.upstream;
						if (upstream != null && this.channel.isWritable()) {
							UPSTREAM_DEMAND.addAndGet(this, (int) wanted);
							upstream.request(wanted);
						}
						else if (WritabilityHandler.await(this.channel, this) && this.channel.isWritable()) {
							// Became writable before the handler could tell: look again.
							WIP.incrementAndGet(this);
						}
					}
				}
				missed = WIP.addAndGet(this, -missed);
			}
			while (missed != 0);
		}

	}

	/**
	 * Tells the response waiting on a connection that it has become writable again. One per
	 * connection, added when a response first has to wait and kept for the connection's life.
	 */
	static final class WritabilityHandler extends ChannelInboundHandlerAdapter {

		private volatile @Nullable Runnable waiter;

		/**
		 * Registers the one response of a connection that waits for it to become writable.
		 * @return whether it was registered; if not (the connection has no pipeline to add to any
		 * more) the waiter is not called
		 */
		static boolean await(Channel channel, Runnable waiter) {
			ChannelPipeline pipeline = channel.pipeline();
			WritabilityHandler handler = (WritabilityHandler) pipeline.get(HANDLER);
			if (handler == null) {
				handler = new WritabilityHandler();
				try {
					if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
						pipeline.addBefore(NettyPipeline.ReactiveBridge, HANDLER, handler);
					}
					else {
						pipeline.addLast(HANDLER, handler);
					}
				}
				catch (IllegalArgumentException ex) {
					// Added meanwhile by another thread.
					handler = (WritabilityHandler) pipeline.get(HANDLER);
					if (handler == null) {
						return false;
					}
				}
			}
			handler.waiter = waiter;
			return true;
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
			Runnable waiter = this.waiter;
			if (waiter != null && ctx.channel().isWritable()) {
				this.waiter = null;
				waiter.run();
			}
			ctx.fireChannelWritabilityChanged();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			this.waiter = null;
			ctx.fireChannelInactive();
		}

	}

}
