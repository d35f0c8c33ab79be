package dev.sluice.proxy;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

import dev.sluice.buffer.LedgerEntry;
import dev.sluice.buffer.OwnedByteBuf;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * For Servlet containers: each upstream buffer is copied into a heap buffer the container can
 * write, and the pooled direct buffer goes back to Netty before the copy leaves this method, so
 * direct memory is held for the time of one copy. The copies come from Netty's pooled heap and are
 * released by the container once written (Spring's Servlet adapter releases every buffer it
 * writes or drops), so the ledger and Netty's leak detector follow them to the end as on Reactor
 * Netty. Streaming responses are flushed buffer by buffer.
 * <p>
 * Spring's Servlet response writer can drop a buffer when the client goes away at the moment a
 * buffer is handed to it: a buffer arriving once it has completed is ignored, not released, and a
 * write under way when the error arrives is not released either. So the copies handed over and
 * not yet released are kept, and when the body or its write ends in anything but success, those
 * still unreleased a moment later are released here (docs/servers.md). After a successful write
 * they are forgotten at once.
 */
final class CopyingResponseWriter implements ResponseBodyWriter {

	private static final ByteBufAllocator HEAP = ByteBufAllocator.DEFAULT;

	private static final Duration RECLAIM_DELAY = Duration.ofSeconds(1);

	private final NettyDataBufferFactory factory = new NettyDataBufferFactory(HEAP);

	private final Duration reclaimDelay;

	CopyingResponseWriter() {
		this(RECLAIM_DELAY);
	}

	CopyingResponseWriter(Duration reclaimDelay) {
		this.reclaimDelay = reclaimDelay;
	}

	@Override
	public String name() {
		return "copy";
	}

	@Override
	public Mono<Void> write(ServerHttpResponse response, Flux<ByteBuf> body, boolean streaming,
			LedgerEntry entry) {
		HandOver handOver = new HandOver();
		Flux<DataBuffer> copies = body
			.<DataBuffer>map((buffer) -> this.factory.wrap(handOver.add(entry.own(copy(buffer)))))
			.doFinally((signal) -> {
				if (signal != SignalType.ON_COMPLETE) {
					reclaimLater(handOver);
				}
			});
		Mono<Void> written;
		if (streaming) {
			// An empty first buffer commits the response, so the client gets the headers now.
			written = response
				.writeAndFlushWith(copies.startWith(this.factory.wrap(Unpooled.EMPTY_BUFFER)).map(Mono::just));
		}
		else {
			written = response.writeWith(copies);
		}
		// The body may complete while the last copy is still being written when the client leaves.
		return written.doFinally((signal) -> {
			if (signal != SignalType.ON_COMPLETE) {
				reclaimLater(handOver);
			}
			else {
				handOver.forget();
			}
		});
	}

	private void reclaimLater(HandOver handOver) {
		if (handOver.reclaimScheduled.compareAndSet(false, true)) {
			Schedulers.parallel()
				.schedule(handOver::reclaim, this.reclaimDelay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * The copies of one response handed to the writer and not known to be released.
	 */
	private static final class HandOver {

		private final Queue<OwnedByteBuf> copies = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean reclaimScheduled = new AtomicBoolean();

		/**
		 * Keeps a copy until it is released, forgetting those already released.
		 */
		ByteBuf add(OwnedByteBuf copy) {
			OwnedByteBuf oldest;
			while ((oldest = this.copies.peek()) != null && oldest.isReleased()) {
				this.copies.poll();
			}
			this.copies.offer(copy);
			return copy;
		}

		/**
		 * Forgets the copies once the write succeeded: whatever happens to them now is not the
		 * Servlet writer's doing, and holding them here would keep a copy a filter dropped
		 * reachable, hiding it from Netty's leak detector, for as long as the upstream connection
		 * that carried the body stays in the pool.
		 */
		void forget() {
			if (!this.reclaimScheduled.get()) {
				this.copies.clear();
			}
		}

		/**
		 * Releases the copies the writer dropped. This is the named release point for a copy the
		 * Servlet writer never wrote nor released.
		 */
		void reclaim() {
			OwnedByteBuf copy;
			while ((copy = this.copies.poll()) != null) {
				copy.releaseDropped("sluice: heap copy dropped by the Servlet writer, reclaimed");
			}
		}

	}

	/**
	 * Copies a buffer to the heap. The upstream connection releases the pooled buffer as soon as
	 * this returns: that release is the named hand-back point of this writer.
	 */
	private static ByteBuf copy(ByteBuf buffer) {
		ByteBuf copy = HEAP.heapBuffer(buffer.readableBytes());
		copy.writeBytes(buffer, buffer.readerIndex(), buffer.readableBytes());
		return copy.touch("sluice: heap copy handed to the Servlet container, released once written");
	}

}
