package dev.sluice.ratelimit;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.http.ErrorResponses;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * Lets a request through when its key's bucket holds its tokens, and answers it otherwise: with the
 * route's status (429) when the bucket is empty, with the empty-key status when it has no key, and,
 * when the store fails and the limiter fails closed, with a 503.
 */
final class RequestRateLimiterGatewayFilter implements GatewayFilter {

	static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	static final String REPLENISH_RATE_HEADER = "X-RateLimit-Replenish-Rate";

	static final String BURST_CAPACITY_HEADER = "X-RateLimit-Burst-Capacity";

	static final String REQUESTED_TOKENS_HEADER = "X-RateLimit-Requested-Tokens";

	private static final Log logger = LogFactory.getLog(RequestRateLimiterGatewayFilter.class);

	private final RateLimiter limiter;

	private final Limit limit;

	private final KeyResolver keyResolver;

	private final Settings settings;

	private final RateLimitListener listener;

	// One warning when the store starts failing and one line when it answers again, not one per request.
	private final AtomicBoolean failing = new AtomicBoolean();

	RequestRateLimiterGatewayFilter(RateLimiter limiter, Limit limit, KeyResolver keyResolver, Settings settings,
			RateLimitListener listener) {
		this.limiter = limiter;
		this.limit = limit;
		this.keyResolver = keyResolver;
		this.settings = settings;
		this.listener = listener;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(GatewayAttributes.ROUTE);
		String routeId = (route != null) ? route.id() : "";
		return this.keyResolver.resolve(exchange).defaultIfEmpty("").flatMap((key) -> {
			if (key.isEmpty()) {
				if (!this.settings.denyEmptyKey()) {
					return chain.filter(exchange);
				}
				this.listener.record(routeId, RateLimitOutcome.DENIED);
				return refuse(exchange, routeId, this.settings.emptyKeyStatus(), "The request has no rate limit key", -2);
			}
			return decide(routeId, key).flatMap((verdict) -> {
				if (verdict.error() && !this.settings.failOpen()) {
					return refuse(exchange, routeId, HttpStatus.SERVICE_UNAVAILABLE,
							"The rate limiter's store did not answer", -1);
				}
				if (!verdict.allowed()) {
					return refuse(exchange, routeId, this.settings.statusCode(), "Too many requests",
							verdict.remaining());
				}
				addHeaders(exchange.getResponse().getHeaders(), verdict.remaining());
				return chain.filter(exchange);
			});
		});
	}

	private Mono<Verdict> decide(String routeId, String key) {
		return this.limiter.tryConsume(routeId, key, this.limit).map((decision) -> {
			if (this.failing.compareAndSet(true, false)) {
				logger.info("Rate limiter of route '" + routeId + "' answers again");
			}
			this.listener.record(routeId, decision.allowed() ? RateLimitOutcome.ALLOWED : RateLimitOutcome.DENIED);
			return new Verdict(decision.allowed(), decision.remaining(), false);
		})
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("The rate limiter gave no answer")))
			.onErrorResume((ex) -> {
				if (this.failing.compareAndSet(false, true)) {
					logger.warn("Rate limiter of route '" + routeId + "' failed; until it answers again, requests are "
							+ (this.settings.failOpen() ? "let through" : "refused with 503") + ": " + ex);
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("Rate limiter of route '" + routeId + "' failed: " + ex);
				}
				this.listener.record(routeId, RateLimitOutcome.ERROR);
				return Mono.just(new Verdict(this.settings.failOpen(), -1, true));
			});
	}

	/**
	 * Answers a refused request with a short JSON body and, unless the refusal is for an empty key
	 * ({@code remaining} -2), the rate limit headers.
	 */
	private Mono<Void> refuse(ServerWebExchange exchange, String routeId, HttpStatusCode status, String message,
			long remaining) {
		HttpStatus known = HttpStatus.resolve(status.value());
		Mono<Void> write;
		if (known != null) {
			write = ErrorResponses.write(exchange, routeId, known, message);
		}
		else {
			exchange.getResponse().setStatusCode(status);
			write = exchange.getResponse().setComplete();
		}
		if (remaining > -2) {
			addHeaders(exchange.getResponse().getHeaders(), remaining);
		}
		return write;
	}

	private void addHeaders(HttpHeaders headers, long remaining) {
		if (!this.settings.includeHeaders()) {
			return;
		}
		headers.set(REMAINING_HEADER, Long.toString(remaining));
		headers.set(REPLENISH_RATE_HEADER, Long.toString(this.limit.replenishRate()));
		headers.set(BURST_CAPACITY_HEADER, Long.toString(this.limit.burstCapacity()));
		headers.set(REQUESTED_TOKENS_HEADER, Long.toString(this.limit.requestedTokens()));
	}

	/**
	 * How one filter answers, apart from its bucket.
	 *
	 * @param denyEmptyKey whether a request without a key is refused
	 * @param emptyKeyStatus the status of that refusal
	 * @param statusCode the status when the bucket is empty
	 * @param includeHeaders whether the {@code X-RateLimit-*} headers are sent
	 * @param failOpen whether a request passes when the store fails
	 */
	record Settings(boolean denyEmptyKey, HttpStatusCode emptyKeyStatus, HttpStatusCode statusCode,
			boolean includeHeaders, boolean failOpen) {

	}

	private record Verdict(boolean allowed, long remaining, boolean error) {

	}

}
