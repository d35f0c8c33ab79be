package dev.sluice.server;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

import dev.sluice.buffer.ExchangeBuffers;

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
 * not yet released are kept, and when the writer cancels the body or the body fails, those still
 * unreleased a moment later are released here (docs/servers.md).
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
			ExchangeBuffers account) {
		Queue<HandedOverCopy> handedOver = new ConcurrentLinkedQueue<>();
		Flux<DataBuffer> copies = body
			.<DataBuffer>map((buffer) -> this.factory.wrap(handOver(account.track(copy(buffer)), handedOver)))
			.doFinally((signal) -> reclaimUnlessCompleted(signal, handedOver));
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
		return written.doFinally((signal) -> reclaimUnlessCompleted(signal, handedOver));
	}

	private void reclaimUnlessCompleted(SignalType signal, Queue<HandedOverCopy> handedOver) {
		if (signal != SignalType.ON_COMPLETE) {
			Schedulers.parallel()
				.schedule(() -> reclaim(handedOver), this.reclaimDelay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Keeps a copy handed to the writer until it is released, forgetting those already released.
	 */
	private static ByteBuf handOver(ByteBuf copy, Queue<HandedOverCopy> handedOver) {
		HandedOverCopy oldest;
		while ((oldest = handedOver.peek()) != null && oldest.released()) {
			handedOver.poll();
		}
		HandedOverCopy handed = new HandedOverCopy(copy);
		handedOver.offer(handed);
		return handed;
	}

	/**
	 * Releases the copies the writer dropped. This is the named release point for a copy the
	 * Servlet writer never wrote nor released.
	 */
	private static void reclaim(Queue<HandedOverCopy> handedOver) {
		HandedOverCopy copy;
		while ((copy = handedOver.poll()) != null) {
			copy.reclaim();
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
