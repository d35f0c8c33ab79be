package dev.sluice.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.ExchangeState;
import dev.sluice.buffer.LedgerEntry;
import dev.sluice.buffer.WebSocketCounters;
import dev.sluice.filter.FilterChain;
import dev.sluice.forwarded.ForwardedHeaders;
import dev.sluice.forwarded.ForwardedHop;
import dev.sluice.http.ErrorResponses;
import dev.sluice.proxy.GatewayWebHandler;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.proxy.UpstreamClients;
import dev.sluice.proxy.UpstreamFailure;
import dev.sluice.route.Route;
import dev.sluice.route.RouteHandlerMapping;
import dev.sluice.route.RouteTable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * The handler of routed requests when WebSocket proxying is on: a WebSocket handshake runs the
 * route's filters, then is offered to the upstream, and the client's connection is upgraded only
 * once the upstream has accepted, with the subprotocol the upstream chose; every other request goes
 * to the {@link GatewayWebHandler}.
 * <p>
 * An upstream that cannot be reached is a 502 with the gateway's JSON error, as for HTTP; an
 * upstream that refuses the handshake has its status, headers and body passed to the client.
 */
public final class WebSocketRoutingHandler implements WebHandler {

	private static final Log logger = LogFactory.getLog(WebSocketRoutingHandler.class);

	/** How long a Servlet container may take to open an upgraded connection. */
	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

	private static final WebSocketHandler REFUSING = new WebSocketHandler() {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.close();
		}

	};

	private final GatewayWebHandler http;

	private final ResponseWriterSelector writers;

	private final @Nullable BufferLedger ledger;

	private final UpstreamWebSockets upstream;

	private final UpgradeServices upgrades;

	private final ForwardedHeaders forwarded;

	/**
	 * Creates the handler.
	 * @param http the handler of every request that is not a WebSocket handshake
	 * @param clients the clients for upstream WebSocket connections, chosen per route
	 * @param writers tells the running server
	 * @param ledger the buffer ledger, or {@code null} when buffers are not tracked
	 * @param settings how sessions are relayed
	 * @param forwarded the forwarded headers the gateway adds to the upstream handshake
	 */
	public WebSocketRoutingHandler(GatewayWebHandler http, UpstreamClients clients, ResponseWriterSelector writers,
			@Nullable BufferLedger ledger, WebSocketSettings settings, ForwardedHeaders forwarded) {
		this.http = http;
		this.writers = writers;
		this.ledger = ledger;
		this.upstream = new UpstreamWebSockets(clients, settings);
		this.upgrades = new UpgradeServices(settings);
		this.forwarded = forwarded;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		if (!isHandshake(exchange.getRequest())) {
			return this.http.handle(exchange);
		}
		if (!isCompleteHandshake(exchange.getRequest())) {
			// Spring's service answers a malformed handshake; the upstream never hears of it.
			return this.upgrades.forServer(this.writers.server()).handleRequest(exchange, REFUSING);
		}
		RouteTable.Entry matched = exchange.getRequiredAttribute(RouteHandlerMapping.ROUTE_ENTRY);
		Route route = matched.route();
		ServerHttpRequest request = exchange.getRequest();
		LedgerEntry entry = (this.ledger != null) ? this.ledger.open(route.id(), request.getMethod().name(),
				request.getPath().value(), this.writers.server().name()) : LedgerEntry.UNTRACKED;
		WebSocketCounters counters = (this.ledger != null) ? this.ledger.webSocket(route.id())
				: WebSocketCounters.UNTRACKED;
		AtomicBoolean ended = new AtomicBoolean();
		Consumer<ExchangeState> end = (state) -> {
			if (ended.compareAndSet(false, true)) {
				entry.end(state);
			}
		};
		ForwardedHop hop = this.forwarded.hop(request);
		AtomicReference<ServerWebExchange> proxied = new AtomicReference<>(exchange);
		AtomicBoolean relayed = new AtomicBoolean();
		return new FilterChain(matched.filters(), (filtered) -> {
			proxied.set(filtered);
			return this.upstream.connect(filtered, route, hop, entry, counters, end).flatMap((relay) -> {
				relayed.set(true);
				return upgrade(filtered, relay);
			});
		}).filter(exchange)
			.onErrorResume(UpstreamFailure.class, (failure) -> failed(proxied.get(), route, failure))
			.onErrorResume(HandshakeRefusal.class, (refusal) -> refused(proxied.get(), route, refusal))
			.doFinally((signal) -> {
				if (!relayed.get()) {
					end.accept(state(signal));
				}
			});
	}

	private Mono<Void> upgrade(ServerWebExchange exchange, WebSocketRelay relay) {
		HandshakeHeaders.copyToClient(relay.upstreamHandshakeHeaders(), exchange.getResponse().getHeaders());
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		relay.clientChannel((nativeRequest instanceof Connection connection) ? connection.channel() : null);
		ServerWebExchange normalized = normalizeSubprotocols(exchange);
		return this.upgrades.forServer(this.writers.server())
			.handleRequest(normalized, relay)
			.doFinally((signal) -> {
				if (signal == SignalType.ON_COMPLETE) {
					relay.abandonUnlessOpenedWithin(OPEN_TIMEOUT);
				}
				else {
					relay.abandon();
				}
			});
	}

	/**
	 * Offers the client's subprotocols to Spring's service one per value: it splits the header
	 * on commas without trimming, so {@code "a, b"} would never match {@code b}.
	 */
	private static ServerWebExchange normalizeSubprotocols(ServerWebExchange exchange) {
		List<String> protocols = HandshakeHeaders.requestedSubprotocols(exchange.getRequest().getHeaders());
		if (protocols.isEmpty()) {
			return exchange;
		}
		return exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.put("Sec-WebSocket-Protocol",
					List.of(String.join(",", protocols)))))
			.build();
	}

	private Mono<Void> failed(ServerWebExchange exchange, Route route, UpstreamFailure failure) {
		if (logger.isDebugEnabled()) {
			logger.debug("Route " + route.id() + ": " + failure.getMessage() + " for WebSocket handshake to "
					+ exchange.getRequest().getPath().value(), failure.getCause());
		}
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(failure);
		}
		return ErrorResponses.write(exchange, route.id(), failure.getStatus(), failure.getMessage());
	}

	private Mono<Void> refused(ServerWebExchange exchange, Route route, HandshakeRefusal refusal) {
		if (logger.isDebugEnabled()) {
			logger.debug("Route " + route.id() + ": upstream answered " + refusal.status() + " to the WebSocket handshake for "
					+ exchange.getRequest().getPath().value());
		}
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(refusal);
		}
		return refusal.writeTo(exchange.getResponse());
	}

	/**
	 * Returns whether a request asks to switch to WebSocket, as Spring Cloud Gateway decides it.
	 * @param request the request
	 * @return whether it is a handshake
	 */
	static boolean isHandshake(ServerHttpRequest request) {
		return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
	}

	private static boolean isCompleteHandshake(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return request.getMethod() == HttpMethod.GET && headers.getFirst("Sec-WebSocket-Key") != null
				&& headers.getConnection().stream().anyMatch((token) -> token.equalsIgnoreCase("upgrade"));
	}

	private static ExchangeState state(SignalType signal) {
		return switch (signal) {
			case ON_COMPLETE -> ExchangeState.COMPLETE;
			case ON_ERROR -> ExchangeState.ERROR;
			default -> ExchangeState.CANCEL;
		};
	}

}
