package dev.sluice.websocket;

import java.net.ProtocolException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import dev.sluice.buffer.ExchangeState;
import dev.sluice.buffer.LedgerEntry;
import dev.sluice.buffer.WebSocketCounters;
import dev.sluice.forwarded.ForwardedHop;
import dev.sluice.http.RawUris;
import dev.sluice.proxy.GatewayWebHandler;
import dev.sluice.proxy.UpstreamClients;
import dev.sluice.proxy.UpstreamFailure;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Opens the upstream side of a WebSocket session with Reactor Netty's WebSocket client, chosen per
 * route as the HTTP proxy chooses its own but without a connection pool (a session holds its
 * connection for as long as it lasts), with the request's headers as the route's filters left them
 * and the subprotocols the client asked for.
 */
final class UpstreamWebSockets {

	private static final Log logger = LogFactory.getLog(UpstreamWebSockets.class);

	private final UpstreamClients clients;

	private final WebSocketSettings settings;

	UpstreamWebSockets(UpstreamClients clients, WebSocketSettings settings) {
		this.clients = clients;
		this.settings = settings;
	}

	/**
	 * Completes the upstream handshake. Fails with an {@link UpstreamFailure} when the upstream
	 * cannot be reached, with a {@link HandshakeRefusal} when it answers anything but a 101.
	 * @param exchange the exchange, as the filters left it
	 * @param route the route
	 * @param hop the gateway's forwarded hop, or {@code null} when none is added
	 * @param entry the session's ledger entry
	 * @param counters the route's WebSocket counters
	 * @param end ends the session's ledger entry, once
	 * @return the relay, which owns the upstream connection from then on
	 */
	Mono<WebSocketRelay> connect(ServerWebExchange exchange, Route route, @Nullable ForwardedHop hop,
			LedgerEntry entry, WebSocketCounters counters, Consumer<ExchangeState> end) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> protocols = HandshakeHeaders.requestedSubprotocols(request.getHeaders());
		// The subprotocols go as a header of their own rather than through the spec: Netty's
		// handshaker would fail an upstream that chooses none of them (see HandshakeRefusal.Recorder).
		WebsocketClientSpec spec = WebsocketClientSpec.builder()
			.maxFramePayloadLength(this.settings.maxFramePayloadLength())
			.handlePing(true)
			.build();
		HandshakeRefusal.Recorder recorder = new HandshakeRefusal.Recorder();
		URI base = exchange.getAttribute(GatewayAttributes.UPSTREAM_BASE_URI);
		URI uri = webSocketUri((base != null) ? base : route.uri(), request);
		HttpClient client = this.clients.client(route, request, uri).headers((headers) -> {
			GatewayWebHandler.copyRequestHeaders(exchange, headers);
			HandshakeHeaders.removeFromRequest(headers);
			if (hop != null) {
				hop.addTo(headers, uri.getRawPath());
			}
			if (!protocols.isEmpty()) {
				headers.set("Sec-WebSocket-Protocol", String.join(",", protocols));
			}
		}).doOnRequest((upstreamRequest, connection) -> {
			if (connection.channel().pipeline().get(NettyPipeline.ReactiveBridge) != null) {
				connection.channel().pipeline().addBefore(NettyPipeline.ReactiveBridge, HandshakeRefusal.Recorder.NAME,
						recorder);
			}
		});
		return Mono.create((sink) -> {
			AtomicBoolean handedOver = new AtomicBoolean();
			Disposable connection = client.websocket(spec).uri(uri).handle((in, out) -> {
				String subprotocol = recorder.subprotocol();
				WebSocketRelay relay = new WebSocketRelay(in, out, subprotocol, route.id(), entry, counters, end,
						this.settings);
				if (!handedOver.compareAndSet(false, true)) {
					relay.abandon();
				}
				else if (subprotocol != null && !protocols.contains(subprotocol)) {
					relay.abandon();
					sink.error(UpstreamFailure.of(new ProtocolException(
							"Upstream chose the subprotocol '" + subprotocol + "', which the client did not offer")));
				}
				else {
					sink.success(relay);
				}
				return relay.upstreamLifetime();
			}).subscribe(null, (error) -> {
				if (handedOver.compareAndSet(false, true)) {
					sink.error(failure(error, recorder));
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("Route " + route.id() + ": WebSocket upstream connection failed", error);
				}
			});
			sink.onCancel(() -> {
				if (handedOver.compareAndSet(false, true)) {
					connection.dispose();
				}
			});
		});
	}

	private static RuntimeException failure(Throwable error, HandshakeRefusal.Recorder recorder) {
		if (error instanceof WebSocketClientHandshakeException) {
			HandshakeRefusal refusal = recorder.refusal(error);
			if (refusal != null) {
				return refusal;
			}
		}
		return UpstreamFailure.of(error);
	}

	/**
	 * Returns the upstream's WebSocket URI: the authority of the route's URI (or of the instance an
	 * {@code lb:ws://} route resolved to) with the request's raw path and query, and the scheme made
	 * {@code ws} or {@code wss}, which Reactor Netty's WebSocket client also takes for the security
	 * of the connection.
	 */
	static URI webSocketUri(URI base, ServerHttpRequest request) {
		String scheme = base.getScheme().toLowerCase(java.util.Locale.ROOT);
		String webSocketScheme = (scheme.equals("https") || scheme.equals("wss")) ? "wss" : "ws";
		URI incoming = request.getURI();
		URI upstream = RawUris.of(base, incoming.getRawPath(), incoming.getRawQuery());
		return URI.create(webSocketScheme + upstream.toString().substring(scheme.length()));
	}

}
