package dev.sluice.proxy;

import java.net.ProtocolException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.client.HttpClientResponse;

import dev.sluice.buffer.LedgerEntry;
import dev.sluice.buffer.ExchangeState;
import dev.sluice.forwarded.ForwardedHop;
import dev.sluice.route.Route;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * One exchange's trip upstream and back: the terminal step of the filter chain sends the request
 * and copies the upstream's status and headers; after the filters have run, the body is written
 * through the exchange the terminal step saw, so filters that decorate the response are honoured.
 */
final class ProxyCall {

	private final ProxyClient client;

	private final Route route;

	private final LedgerEntry entry;

	private final @Nullable ForwardedHop hop;

	private final UpstreamHandle handle = new UpstreamHandle();

	private volatile @Nullable ServerWebExchange proxied;

	private volatile UpstreamOutcome outcome = UpstreamOutcome.NONE;

	ProxyCall(ProxyClient client, Route route, LedgerEntry entry, @Nullable ForwardedHop hop) {
		this.client = client;
		this.route = route;
		this.entry = entry;
		this.hop = hop;
	}

	/**
	 * The terminal step of the filter chain.
	 * @param exchange the exchange as the filters left it
	 * @return completion once the upstream's status and headers are on the response
	 */
	Mono<Void> send(ServerWebExchange exchange) {
		this.proxied = exchange;
		return this.client.send(exchange, this.route, this.handle, this.entry, this.hop)
			.then(Mono.<Void>fromRunnable(() -> copyStatusAndHeaders(exchange.getResponse())))
			.doOnSuccess((done) -> this.outcome = UpstreamOutcome.SUCCESS)
			.doOnError(this::failed);
	}

	private void copyStatusAndHeaders(ServerHttpResponse response) {
		HttpClientResponse upstream = this.handle.response();
		if (upstream == null) {
			throw UpstreamFailure.of(new IllegalStateException("Upstream answer was abandoned"));
		}
		int status = upstream.status().code();
		if (status < 100 || status > 599) {
			// Netty reads any number; passed on, 600 would reach the client and 099 read as informational.
			throw UpstreamFailure.of(new ProtocolException("Upstream answered with the status " + status
					+ ", outside 100 to 599"));
		}
		if (status < 200) {
			// Other informational responses never get this far (UpstreamConnectionGuard drops
			// them); a 101 switches protocols, which Sluice never asks for: Upgrade is not forwarded.
			throw UpstreamFailure.of(new ProtocolException("Upstream answered " + status + " to a request for no upgrade"));
		}
		response.setStatusCode(HttpStatusCode.valueOf(status));
		HttpHeaders headers = response.getHeaders();
		io.netty.handler.codec.http.HttpHeaders upstreamHeaders = upstream.responseHeaders();
		// An iterator rather than getAll(), which builds a list of the values on every response.
		HopByHopHeaders.forEachEndToEnd(upstreamHeaders,
				() -> upstreamHeaders.valueStringIterator(HttpHeaders.CONNECTION), headers::add);
	}

	/**
	 * Writes the upstream body, unless the chain never reached the upstream or a filter already
	 * committed the response, in which case {@link #close()} disposes the body.
	 * @param writer the writer for the running server
	 * @return completion of the write
	 */
	Mono<Void> writeBody(ResponseBodyWriter writer) {
		ServerWebExchange exchange = this.proxied;
		if (exchange == null || this.handle.response() == null || exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		ServerHttpResponse response = exchange.getResponse();
		boolean streaming = response.getHeaders().getContentLength() < 0;
		return writer.write(response, this.handle.body(), streaming, this.entry).doOnError(this::failed);
	}

	private void failed(Throwable error) {
		this.outcome = UpstreamOutcome.of(error);
	}

	/**
	 * Returns how the upstream call ended; meaningful once the exchange has ended.
	 * @return the outcome
	 */
	UpstreamOutcome outcome() {
		return this.outcome;
	}

	ServerWebExchange exchangeOr(ServerWebExchange fallback) {
		ServerWebExchange exchange = this.proxied;
		return (exchange != null) ? exchange : fallback;
	}

	/**
	 * Ends the call: an unclaimed upstream body is disposed, and the ledger entry is closed.
	 * @param signal how the exchange ended
	 */
	void close(SignalType signal) {
		if (signal == SignalType.CANCEL && (this.outcome == UpstreamOutcome.SUCCESS || this.outcome == UpstreamOutcome.NONE)) {
			this.outcome = UpstreamOutcome.CLIENT_CANCEL;
		}
		this.handle.close();
		this.entry.end(switch (signal) {
			case ON_COMPLETE -> ExchangeState.COMPLETE;
			case ON_ERROR -> ExchangeState.ERROR;
			default -> ExchangeState.CANCEL;
		});
	}

}
