package dev.sluice.filter.factory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.http.RequestBodies;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Runs the rest of the chain again while a {@link RetryPolicy} allows. Before each new attempt
 * the response's status and headers are put back as they were before the first, so nothing of an
 * abandoned answer reaches the client; the abandoned upstream connection itself is disposed by the
 * proxy when the next attempt's answer arrives or the exchange ends.
 */
final class RetryGatewayFilter implements GatewayFilter {

	private static final Log logger = LogFactory.getLog(RetryGatewayFilter.class);

	private final RetryPolicy policy;

	RetryGatewayFilter(RetryPolicy policy) {
		this.policy = policy;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (this.policy.retries() == 0 || !this.policy.methods().contains(request.getMethod()) || RequestBodies.announced(request.getHeaders())) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		HttpStatusCode initialStatus = response.getStatusCode();
		HttpHeaders initialHeaders = new HttpHeaders();
		initialHeaders.addAll(response.getHeaders());
		AtomicInteger attempts = new AtomicInteger();
		long started = System.nanoTime();
		Duration[] previousDelay = new Duration[1];
		return Mono.defer(() -> {
			if (attempts.getAndIncrement() > 0) {
				response.setStatusCode(initialStatus);
				response.getHeaders().clear();
				response.getHeaders().addAll(initialHeaders);
			}
			return chain.filter(exchange);
		}).then(Mono.defer(() -> {
			HttpStatusCode status = response.getStatusCode();
			return this.policy.retriesStatus(status) ? Mono.<Void>error(new RetryableStatus(status)) : Mono.<Void>empty();
		})).retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			boolean retryable = (failure instanceof RetryableStatus) || this.policy.retriesException(failure);
			if (!retryable || signal.totalRetries() >= this.policy.retries() || response.isCommitted()
					|| timedOut(started)) {
				return Mono.error(failure);
			}
			Duration delay = this.policy.backoff().delay(signal.totalRetries(), previousDelay[0]);
			previousDelay[0] = delay;
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying " + request.getMethod() + " " + request.getPath().value() + " after "
						+ failure.getMessage() + " (retry " + (signal.totalRetries() + 1) + " of "
						+ this.policy.retries() + ", in " + delay.toMillis() + "ms)");
			}
			return delay.isZero() ? Mono.just(signal.totalRetries()) : Mono.delay(delay).thenReturn(signal.totalRetries());
		}))).onErrorResume(RetryableStatus.class, (exhausted) -> Mono.empty());
	}

	private boolean timedOut(long started) {
		Duration timeout = this.policy.timeout();
		return timeout != null && System.nanoTime() - started > timeout.toNanos();
	}

	/**
	 * The upstream answered with a status the policy retries; when retries run out, the answer
	 * stands and goes to the client.
	 */
	private static final class RetryableStatus extends RuntimeException {

		RetryableStatus(HttpStatusCode status) {
			super("status " + status.value(), null, false, false);
		}

	}

}
