package dev.sluice.proxy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.sluice.buffer.LedgerEntry;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The copying writer hands the Servlet writer heap copies, releases every upstream buffer at once,
 * and takes back the copies a writer drops when the client goes away.
 */
class CopyingResponseWriterTests {

	private final CopyingResponseWriter writer = new CopyingResponseWriter(Duration.ofMillis(100));

	@Test
	void releasesEveryBufferOfACompleteWrite() {
		List<ByteBuf> upstream = upstreamBuffers(3);
		MockServerHttpResponse response = new MockServerHttpResponse();
		this.writer.write(response, Flux.fromIterable(upstream), false, LedgerEntry.UNTRACKED)
			.block(Duration.ofSeconds(5));
		String body = response.getBodyAsString().block(Duration.ofSeconds(5));
		assertThat(body).isEqualTo("chunk-0chunk-1chunk-2");
	}

	@Test
	void reclaimsACopyTheWriterDroppedWhenTheClientLeft() {
		List<ByteBuf> upstream = upstreamBuffers(3);
		List<ByteBuf> dropped = new CopyOnWriteArrayList<>();
		DroppingResponse response = new DroppingResponse(dropped);
		this.writer.write(response, Flux.fromIterable(upstream), false, LedgerEntry.UNTRACKED)
			.block(Duration.ofSeconds(5));
		assertThat(dropped).hasSize(1);
		assertThat(dropped.get(0).refCnt()).as("dropped, not yet reclaimed").isOne();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(dropped.get(0).refCnt()).isZero());
	}

	@Test
	void reclaimsACopyDroppedAfterTheBodyCompletedWhenTheWriteFails() {
		List<ByteBuf> upstream = upstreamBuffers(2);
		List<ByteBuf> dropped = new CopyOnWriteArrayList<>();
		ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(new MockServerHttpResponse()) {
			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				// Takes the whole body, writes the first buffer, and loses the client with the last
				// one under write: the body completed, the write did not.
				return Flux.from(body).index().doOnNext((indexed) -> {
					if (indexed.getT1() == 0) {
						DataBufferUtils.release(indexed.getT2());
					}
					else {
						dropped.add(((NettyDataBuffer) indexed.getT2()).getNativeBuffer());
					}
				}).then(Mono.error(new IllegalStateException("client left")));
			}
		};
		this.writer.write(response, Flux.fromIterable(upstream), false, LedgerEntry.UNTRACKED)
			.onErrorResume((ex) -> Mono.empty())
			.block(Duration.ofSeconds(5));
		assertThat(dropped).hasSize(1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(dropped.get(0).refCnt()).isZero());
	}

	@Test
	void leavesCopiesTheWriterReleasedAlone() throws Exception {
		List<ByteBuf> upstream = upstreamBuffers(2);
		List<ByteBuf> written = new CopyOnWriteArrayList<>();
		ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(new MockServerHttpResponse()) {
			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				return Flux.from(body).take(1).doOnNext((buffer) -> {
					written.add(((NettyDataBuffer) buffer).getNativeBuffer());
					DataBufferUtils.release(buffer);
				}).then(Mono.error(new IllegalStateException("client left")));
			}
		};
		this.writer.write(response, Flux.fromIterable(upstream), false, LedgerEntry.UNTRACKED)
			.onErrorResume((ex) -> Mono.empty())
			.block(Duration.ofSeconds(5));
		// The released copy's pooled buffer goes back to Netty and its object is recycled; new
		// heap buffers taken now may be that very object. None of them may be touched by the writer.
		List<ByteBuf> others = IntStream.range(0, 64).mapToObj((i) -> ByteBufAllocator.DEFAULT.heapBuffer(8)).toList();
		try {
			Thread.sleep(300);
			assertThat(written).hasSize(1);
			assertThat(others).allSatisfy((other) -> assertThat(other.refCnt()).isOne());
		}
		finally {
			others.forEach(ByteBuf::release);
		}
	}

	private final List<ByteBuf> upstream = new CopyOnWriteArrayList<>();

	/** The upstream connection releases its buffers after handing them on; so does this test. */
	@AfterEach
	void releaseUpstreamBuffers() {
		this.upstream.forEach(ByteBuf::release);
	}

	private List<ByteBuf> upstreamBuffers(int count) {
		IntStream.range(0, count)
			.mapToObj((i) -> PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(("chunk-" + i).getBytes()))
			.forEach(this.upstream::add);
		return this.upstream;
	}

	/**
	 * A response whose writer takes the first buffer, then loses the client and drops it, as
	 * Spring's Servlet writer can when the buffer arrives as the connection fails.
	 */
	private static final class DroppingResponse extends ServerHttpResponseDecorator {

		private final List<ByteBuf> dropped;

		DroppingResponse(List<ByteBuf> dropped) {
			super(new MockServerHttpResponse());
			this.dropped = dropped;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return Flux.from(body)
				.take(1)
				.doOnNext((buffer) -> this.dropped.add(((NettyDataBuffer) buffer).getNativeBuffer()))
				.then();
		}

	}

}
