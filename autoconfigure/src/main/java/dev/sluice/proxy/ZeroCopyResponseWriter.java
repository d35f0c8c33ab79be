package dev.sluice.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import dev.sluice.buffer.LedgerEntry;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * For Reactor Netty: each upstream buffer is retained and handed to the server as it is, and the
 * server releases it once it has been flushed to the client. No byte is copied. The upstream is
 * read no faster than the client's connection takes the body ({@link WritabilityGate}).
 */
final class ZeroCopyResponseWriter implements ResponseBodyWriter {

	/** Buffers read ahead of the client by default: 128 KiB at the default 64 KiB pieces. */
	static final int DEFAULT_READ_AHEAD = 2;

	private final NettyDataBufferFactory factory = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

	private final int readAhead;

	ZeroCopyResponseWriter() {
		this(DEFAULT_READ_AHEAD);
	}

	/**
	 * Creates a writer.
	 * @param readAhead most upstream buffers asked for ahead of the client's connection
	 */
	ZeroCopyResponseWriter(int readAhead) {
		if (readAhead < 1) {
			throw new IllegalArgumentException("readAhead must be at least 1, not " + readAhead);
		}
		this.readAhead = readAhead;
	}

	@Override
	public String name() {
		return "zero-copy";
	}

	@Override
	public Mono<Void> write(ServerHttpResponse response, Flux<ByteBuf> body, boolean streaming,
			LedgerEntry entry) {
		Connection client = clientConnection(response);
		if (client != null) {
			body = new WritabilityGate<>(body, client.channel(), this.readAhead);
		}
		Flux<DataBuffer> buffers = body.map((buffer) -> this.factory.wrap(entry
			.track(buffer.retain().touch("sluice: upstream body handed to the server, released after flush"))));
		if (streaming) {
			// An empty first buffer commits the response, so the client gets the headers now.
			buffers = buffers.startWith(this.factory.wrap(Unpooled.EMPTY_BUFFER));
		}
		return response.writeWith(buffers);
	}

	private static @Nullable Connection clientConnection(ServerHttpResponse response) {
		try {
			return (ServerHttpResponseDecorator.getNativeResponse(response) instanceof Connection client) ? client : null;
		}
		catch (IllegalArgumentException ex) {
			// A response a filter made up, with no server's response beneath it.
			return null;
		}
	}

}
