package dev.sluice.filter.factory;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

/**
 * Refuses with 413 a request whose body is larger than a limit, five megabytes unless
 * {@code maxSize} says otherwise: {@code RequestSize=5MB}. A declared {@code Content-Length} is
 * refused before anything goes upstream; a body of unknown length is counted as it streams (never
 * aggregated) and the upstream call is abandoned as soon as it passes the limit.
 */
public class RequestSizeGatewayFilterFactory implements GatewayFilterFactory<RequestSizeGatewayFilterFactory.Config> {

	private static final String ERROR_HEADER = "errorMessage";

	@Override
	public GatewayFilter create(Config config) {
		DataSize maxSize = config.maxSize();
		if (maxSize.isNegative()) {
			throw new InvalidArgumentException("maxSize", "maxSize must not be negative but was " + maxSize);
		}
		long max = maxSize.toBytes();
		return (exchange, chain) -> {
			ServerHttpRequest request = exchange.getRequest();
			long declared = request.getHeaders().getContentLength();
			if (declared > max) {
				return refuse(exchange, declared, max);
			}
			if (declared >= 0) {
				return chain.filter(exchange);
			}
			TooLarge tooLarge = new TooLarge();
			ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {

				@Override
				public Flux<DataBuffer> getBody() {
					return counting(super.getBody(), max, tooLarge);
				}

			};
			return chain.filter(exchange.mutate().request(counted).build())
				.onErrorResume((error) -> tooLarge.seen.get() > max && !exchange.getResponse().isCommitted(),
						(error) -> refuse(exchange, tooLarge.seen.get(), max));
		};
	}

	private static Flux<DataBuffer> counting(Flux<DataBuffer> body, long max, TooLarge tooLarge) {
		return body.handle((buffer, sink) -> {
			if (tooLarge.seen.addAndGet(buffer.readableByteCount()) > max) {
				// Release point: this buffer goes nowhere, and the rest of the body is cancelled.
				DataBufferUtils.release(buffer);
				sink.error(tooLarge);
				return;
			}
			sink.next(buffer);
		});
	}

	private static Mono<Void> refuse(ServerWebExchange exchange, long size, long max) {
		String message = "Request size is larger than permissible limit. Request size is " + size
				+ "B where permissible limit is " + max + "B";
		return Refusals.refuse(exchange, HttpStatus.PAYLOAD_TOO_LARGE, ERROR_HEADER, message);
	}

	/**
	 * Arguments of RequestSize.
	 *
	 * @param maxSize the largest body accepted; a bare number is bytes
	 */
	public record Config(@DefaultValue("5MB") DataSize maxSize) {

	}

	/**
	 * Signals a body that went over the limit, and counts what was seen.
	 */
	private static final class TooLarge extends RuntimeException {

		private final AtomicLong seen = new AtomicLong();

		TooLarge() {
			super("Request body is larger than the permissible limit", null, false, false);
		}

	}

}
