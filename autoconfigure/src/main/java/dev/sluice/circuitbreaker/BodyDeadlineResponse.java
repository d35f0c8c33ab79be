package dev.sluice.circuitbreaker;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * Holds a response body to the deadline of the circuit breaker's time limit. The breaker's own
 * time limit ends when the upstream's status and headers are in (the body is written after the
 * filters have run); a body still streaming at the deadline is cancelled, which disposes its
 * upstream connection and every buffer queued on it, and the write fails with a
 * {@link TimeoutException}, so the response is aborted rather than ended as if complete.
 */
final class BodyDeadlineResponse extends ServerHttpResponseDecorator {

	private final long deadline;

	private final String name;

	BodyDeadlineResponse(ServerHttpResponse delegate, long deadline, String name) {
		super(delegate);
		this.deadline = deadline;
		this.name = name;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return super.writeWith(limit(Flux.from(body)));
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return super.writeAndFlushWith(limit(Flux.from(body)));
	}

	private <T> Flux<T> limit(Flux<T> body) {
		AtomicBoolean expired = new AtomicBoolean();
		Duration remaining = Duration.ofNanos(Math.max(0, this.deadline - System.nanoTime()));
		Mono<Long> deadline = Mono.delay(remaining).doOnNext((tick) -> expired.set(true));
		return body.takeUntilOther(deadline)
			.concatWith(Mono.defer(() -> expired.get() ? Mono.error(new TimeoutException(
					"Response body cut off at the time limit of circuit breaker '" + this.name + "'")) : Mono.empty()));
	}

}
