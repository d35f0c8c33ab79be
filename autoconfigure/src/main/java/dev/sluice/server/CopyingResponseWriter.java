package dev.sluice.server;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * For Servlet containers: each upstream buffer is copied into a heap buffer the container can
 * write, and the pooled buffer goes back to Netty before the copy leaves this method, so pooled
 * memory is held for the time of one copy. Streaming responses are flushed buffer by buffer.
 */
final class CopyingResponseWriter implements ResponseBodyWriter {

	private static final DefaultDataBufferFactory HEAP = DefaultDataBufferFactory.sharedInstance;

	@Override
	public String name() {
		return "copy";
	}

	@Override
	public Mono<Void> write(ServerHttpResponse response, Flux<ByteBuf> body, boolean streaming) {
		Flux<DataBuffer> copies = body.map(CopyingResponseWriter::copy);
		if (streaming) {
			// An empty first buffer commits the response, so the client gets the headers now.
			return response.writeAndFlushWith(copies.startWith(HEAP.allocateBuffer(0)).map(Mono::just));
		}
		return response.writeWith(copies);
	}

	/**
	 * Copies a buffer to the heap. The upstream connection releases the pooled buffer as soon as
	 * this returns: that release is the named hand-back point of this writer.
	 */
	private static DataBuffer copy(ByteBuf buffer) {
		byte[] bytes = new byte[buffer.readableBytes()];
		buffer.getBytes(buffer.readerIndex(), bytes);
		return HEAP.wrap(bytes);
	}

}
