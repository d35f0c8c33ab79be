package dev.sluice.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.sluice.buffer.LedgerEntry;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * For Reactor Netty: each upstream buffer is retained and handed to the server as it is, and the
 * server releases it once it has been flushed to the client. No byte is copied.
 */
final class ZeroCopyResponseWriter implements ResponseBodyWriter {

	private final NettyDataBufferFactory factory = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

	@Override
	public String name() {
		return "zero-copy";
	}

	@Override
	public Mono<Void> write(ServerHttpResponse response, Flux<ByteBuf> body, boolean streaming,
			LedgerEntry entry) {
		Flux<DataBuffer> buffers = body.map((buffer) -> this.factory.wrap(entry
			.track(buffer.retain().touch("sluice: upstream body handed to the server, released after flush"))));
		if (streaming) {
			// An empty first buffer commits the response, so the client gets the headers now.
			buffers = buffers.startWith(this.factory.wrap(Unpooled.EMPTY_BUFFER));
		}
		return response.writeWith(buffers);
	}

}
