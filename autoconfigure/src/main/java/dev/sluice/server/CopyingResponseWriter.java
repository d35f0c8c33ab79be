package dev.sluice.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
 */
final class CopyingResponseWriter implements ResponseBodyWriter {

	private static final ByteBufAllocator HEAP = ByteBufAllocator.DEFAULT;

	private final NettyDataBufferFactory factory = new NettyDataBufferFactory(HEAP);

	@Override
	public String name() {
		return "copy";
	}

	@Override
	public Mono<Void> write(ServerHttpResponse response, Flux<ByteBuf> body, boolean streaming,
			ExchangeBuffers account) {
		Flux<DataBuffer> copies = body.map((buffer) -> this.factory.wrap(account.track(copy(buffer))));
		if (streaming) {
			// An empty first buffer commits the response, so the client gets the headers now.
			return response.writeAndFlushWith(copies.startWith(this.factory.wrap(Unpooled.EMPTY_BUFFER)).map(Mono::just));
		}
		return response.writeWith(copies);
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
