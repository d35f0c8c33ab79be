package dev.sluice.proxy;

import io.netty.buffer.ByteBuf;

import dev.sluice.buffer.LedgerEntry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Writes an upstream body, a stream of pooled Netty buffers that the writer owns, to the client's
 * response in the way the running server can release them.
 */
interface ResponseBodyWriter {

	/**
	 * Returns the strategy's name as reported by the actuator: {@code zero-copy} or {@code copy}.
	 * @return the name
	 */
	String name();

	/**
	 * Writes the body. Every buffer the body emits is owned by the writer from then on.
	 * @param response the client's response, status and headers already set
	 * @param body the upstream body
	 * @param streaming whether each buffer should reach the client as soon as it arrives
	 * @param entry the exchange's ledger entry; every buffer handed to the server is tracked
	 * @return completion of the write
	 */
	Mono<Void> write(ServerHttpResponse response, Flux<ByteBuf> body, boolean streaming, LedgerEntry entry);

}
