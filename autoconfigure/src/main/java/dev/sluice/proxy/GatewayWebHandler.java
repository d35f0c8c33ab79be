package dev.sluice.proxy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.LedgerEntry;
import dev.sluice.filter.FilterChain;
import dev.sluice.forwarded.ForwardedHeaders;
import dev.sluice.http.RequestBodies;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;
import dev.sluice.route.RouteHandlerMapping;
import dev.sluice.route.RouteTable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Proxies an exchange that matched a route: runs the route's filter chain, which ends in the
 * upstream call, then writes the upstream body with the writer chosen for the running server. The
 * upstream body is owned by an {@link UpstreamHandle} until a writer claims it, and disposed on
 * every path on which none does.
 */
public final class GatewayWebHandler implements WebHandler {

	private final ProxyClient client;

	private final ResponseWriterSelector writers;

	private final @Nullable BufferLedger ledger;

	private final ForwardedHeaders forwarded;

	private final GatewayErrorResponder errors = new GatewayErrorResponder();

	private final @Nullable ExchangeListener listener;

	public GatewayWebHandler(HttpClient httpClient, ResponseWriterSelector writers, @Nullable BufferLedger ledger) {
		this(httpClient, writers, ledger, true, UpstreamTls.defaults(), ForwardedHeaders.NONE);
	}

	/**
	 * Creates the handler.
	 * @param httpClient the client that calls upstreams
	 * @param writers the response writers
	 * @param ledger the buffer ledger, or {@code null} when buffers are not tracked
	 * @param loopAffinity whether, on Reactor Netty, each event loop calls upstreams over
	 * connections of its own
	 * @param tls how to talk TLS to {@code https://} and {@code wss://} upstreams
	 * @param forwarded the forwarded headers the gateway adds upstream
	 */
	public GatewayWebHandler(HttpClient httpClient, ResponseWriterSelector writers, @Nullable BufferLedger ledger,
			boolean loopAffinity, UpstreamTls tls, ForwardedHeaders forwarded) {
		this(httpClient, writers, ledger, loopAffinity, tls, forwarded, ObservationRegistry.NOOP, null, null);
	}

	/**
	 * Creates the handler, with its upstream calls observed and its exchanges reported.
	 * @param httpClient the client that calls upstreams
	 * @param writers the response writers
	 * @param ledger the buffer ledger, or {@code null} when buffers are not tracked
	 * @param loopAffinity whether, on Reactor Netty, each event loop calls upstreams over
	 * connections of its own
	 * @param tls how to talk TLS to {@code https://} and {@code wss://} upstreams
	 * @param forwarded the forwarded headers the gateway adds upstream
	 * @param observations where upstream calls are observed ({@code http.client.requests}), or
	 * {@link ObservationRegistry#NOOP}
	 * @param listener told of every exchange when it ends, or {@code null}
	 * @param requestBodyIdleTimeout longest a client's request body may send nothing while the
	 * upstream asks for more before it is answered with 408, or {@code null} for no limit
	 */
	public GatewayWebHandler(HttpClient httpClient, ResponseWriterSelector writers, @Nullable BufferLedger ledger,
			boolean loopAffinity, UpstreamTls tls, ForwardedHeaders forwarded, ObservationRegistry observations,
			@Nullable ExchangeListener listener, @Nullable Duration requestBodyIdleTimeout) {
		this.client = new ProxyClient(httpClient, loopAffinity, tls, observations, requestBodyIdleTimeout);
		this.writers = writers;
		this.ledger = ledger;
		this.forwarded = forwarded;
		this.listener = listener;
	}

	/**
	 * Copies the end-to-end headers of a request, as the filters left it, onto an upstream
	 * request, exactly as this handler does for HTTP.
	 * @param exchange the exchange, as the filters left it
	 * @param to the upstream request's headers
	 */
	public static void copyRequestHeaders(ServerWebExchange exchange, io.netty.handler.codec.http.HttpHeaders to) {
		boolean preserveHost = Boolean.TRUE.equals(exchange.getAttribute(GatewayAttributes.PRESERVE_HOST_HEADER));
		ProxyClient.copyRequestHeaders(exchange.getRequest(), to, preserveHost);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange received) {
		RouteTable.Entry matched = received.getRequiredAttribute(RouteHandlerMapping.ROUTE_ENTRY);
		Route route = matched.route();
		ServerWebExchange exchange = HopByHopHeaders.withoutConnectionNamed(received);
		long start = (this.listener != null) ? System.nanoTime() : 0L;
		ServerHttpRequest request = exchange.getRequest();
		LedgerEntry entry = (this.ledger != null) ? this.ledger.open(route.id(), request.getMethod().name(),
				request.getPath().value(), this.writers.server().name()) : LedgerEntry.UNTRACKED;
		ProxyCall call = new ProxyCall(this.client, route, entry, this.forwarded.hop(request));
		ServerWebExchange checked = RequestBodies.announced(request.getHeaders())
				? exchange.mutate().request(new EndCheckedRequest(request)).build() : exchange;
		return new FilterChain(matched.filters(), call::send).filter(checked)
			// A TimeoutException here is a time limit on the body (a circuit breaker's): like an
			// upstream failure mid-body, it aborts the response.
			.then(Mono.defer(() -> call.writeBody(this.writers.writer()))
				.onErrorMap(TimeoutException.class, UpstreamFailure::of))
			.onErrorResume(UpstreamFailure.class,
					(failure) -> this.errors.respond(call.exchangeOr(checked), route, failure))
			.onErrorResume(RequestBodyFailure.class,
					(failure) -> this.errors.bodyFailed(call.exchangeOr(checked), route, failure))
			.doFinally((signal) -> {
				call.close(signal);
				if (this.listener != null) {
					this.listener.ended(call.exchangeOr(checked), route, call.outcome(), start);
				}
			});
	}

}
