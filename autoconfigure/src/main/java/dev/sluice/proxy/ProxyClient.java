package dev.sluice.proxy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.context.Context;

import dev.sluice.buffer.LedgerEntry;
import dev.sluice.forwarded.ForwardedHop;
import dev.sluice.http.ConnectTimeouts;
import dev.sluice.http.RawUris;
import dev.sluice.http.RequestBodies;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;
import dev.sluice.route.RouteHandlerMapping;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.PooledDataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends a client's request upstream with Reactor Netty's pooled {@link HttpClient} and hands the
 * answer to an {@link UpstreamHandle}. Request bodies stream through without a copy: a Netty
 * server's buffers go as they are, a Servlet container's heap buffers are wrapped.
 */
final class ProxyClient {

	private final HttpClient httpClient;

	private final @Nullable LoopAffineClients loopAffineClients;

	private final UpstreamTls tls;

	private final Map<ClientWithTimeout, HttpClient> byConnectTimeout = new ConcurrentHashMap<>();

	private final ObservationRegistry observations;

	private final ObservationConvention<UpstreamRequestContext> convention = new UpstreamRequestObservationConvention();

	private final @Nullable Duration requestBodyIdleTimeout;

	ProxyClient(HttpClient httpClient, boolean loopAffinity) {
		this(httpClient, loopAffinity, UpstreamTls.defaults());
	}

	ProxyClient(HttpClient httpClient, boolean loopAffinity, UpstreamTls tls) {
		this(httpClient, loopAffinity, tls, ObservationRegistry.NOOP, null);
	}

	ProxyClient(HttpClient httpClient, boolean loopAffinity, UpstreamTls tls, ObservationRegistry observations,
			@Nullable Duration requestBodyIdleTimeout) {
		this.observations = observations;
		// Added here rather than to the configured client, so that a client the application
		// defines itself keeps its responses paired with its requests too.
		HttpClient guarded = httpClient.doOnChannelInit(UpstreamConnectionGuard.INSTALLER)
			.doOnResponse(ProxyClient::offerToAttempt);
		this.httpClient = guarded;
		this.loopAffineClients = loopAffinity ? new LoopAffineClients(guarded) : null;
		this.tls = tls;
		this.requestBodyIdleTimeout = requestBodyIdleTimeout;
	}

	Mono<Void> send(ServerWebExchange exchange, Route route, UpstreamHandle handle, LedgerEntry entry,
			@Nullable ForwardedHop hop) {
		ServerHttpRequest request = exchange.getRequest();
		URI base = exchange.getAttribute(GatewayAttributes.UPSTREAM_BASE_URI);
		URI url = upstreamUri((base != null) ? base : route.uri(), request);
		if (this.observations.isNoop()) {
			return send(exchange, route, url, handle, entry, hop, null);
		}
		return Mono.deferContextual((reactorContext) -> {
			UpstreamRequestContext context = new UpstreamRequestContext(route, request.getMethod().name(), url,
					RouteHandlerMapping.pathPattern(exchange));
			Observation observation = Observation.createNotStarted(this.convention, () -> context, this.observations)
				// The server's observation, which WebFlux puts in the Reactor context: the upstream
				// call is its child on any thread, without thread-locals.
				.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			return send(exchange, route, url, handle, entry, hop, context)
				.doOnSuccess((done) -> context.setResponse(handle.response()))
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop());
		});
	}

	private Mono<Void> send(ServerWebExchange exchange, Route route, URI url, UpstreamHandle handle, LedgerEntry entry,
			@Nullable ForwardedHop hop, @Nullable UpstreamRequestContext observed) {
		UpstreamAttempt attempt = new UpstreamAttempt(handle);
		ServerHttpRequest request = exchange.getRequest();
		boolean preserveHost = Boolean.TRUE.equals(exchange.getAttribute(GatewayAttributes.PRESERVE_HOST_HEADER));
		Duration responseTimeout = route.timeouts().response();
		return client(route, request, url).request(HttpMethod.valueOf(request.getMethod().name()))
			.uri(url)
			.send((upstreamRequest, outbound) -> {
				io.netty.handler.codec.http.HttpHeaders headers = upstreamRequest.requestHeaders();
				copyRequestHeaders(request, headers, preserveHost);
				if (hop != null) {
					hop.addTo(headers, url.getRawPath());
				}
				if (observed != null) {
					// The tracer's headers replace any the client sent (a traceparent of its own).
					for (Map.Entry<String, String> header : observed.getCarrier()) {
						headers.set(header.getKey(), header.getValue());
					}
				}
				if (responseTimeout != null) {
					upstreamRequest.responseTimeout(responseTimeout);
				}
				if (!RequestBodies.announced(request.getHeaders())) {
					return outbound;
				}
				Flux<DataBuffer> body = request.getBody();
				if (this.requestBodyIdleTimeout != null) {
					body = new RequestBodyIdleTimeout(body, this.requestBodyIdleTimeout);
				}
				return outbound.send(body.map((buffer) -> entry.track(toByteBuf(buffer))));
			})
			.responseConnection((response, connection) -> {
				attempt.take(response, connection);
				return Mono.<Void>empty();
			})
			.then()
			.doFinally((signal) -> attempt.finish())
			.contextWrite(Context.of(UpstreamAttempt.class, attempt))
			// A failed request body (see EndCheckedRequest) aborts the upstream request: Reactor
			// Netty's client closes the connection without the request's last chunk.
			.onErrorMap((error) -> !(error instanceof RequestBodyFailure), UpstreamFailure::of);
	}

	/**
	 * Offers each answer to the attempt that asked for it, before Reactor Netty hands it to that
	 * attempt's subscriber, which may no longer be there ({@link UpstreamAttempt}).
	 */
	private static void offerToAttempt(HttpClientResponse response, Connection connection) {
		response.currentContextView().getOrEmpty(UpstreamAttempt.class)
			.ifPresent((attempt) -> ((UpstreamAttempt) attempt).offer(connection));
	}

	/**
	 * Returns the client that calls the route's upstream for a request: bound to the request's
	 * event loop when there is one, secured with the route's SSL bundle for {@code https://} and
	 * {@code wss://}, with the route's connect timeout. Each combination is built once. Also used
	 * for WebSocket upstreams ({@link UpstreamClients}).
	 * @param route the route
	 * @param request the client's request
	 * @param target the URI called: the route's, or the instance an {@code lb://} route resolved to
	 * @return the client
	 */
	HttpClient client(Route route, ServerHttpRequest request, URI target) {
		HttpClient client = this.tls.secure((this.loopAffineClients != null)
				? this.loopAffineClients.clientFor(request) : this.httpClient, route, target);
		Duration connectTimeout = route.timeouts().connect();
		if (connectTimeout == null) {
			return client;
		}
		return this.byConnectTimeout.computeIfAbsent(new ClientWithTimeout(client, connectTimeout),
				(key) -> ConnectTimeouts.apply(key.client(), key.connectTimeout()));
	}

	private record ClientWithTimeout(HttpClient client, Duration connectTimeout) {
	}

	/**
	 * Returns the upstream URI: the route's scheme and authority, the request's raw path and raw
	 * query, byte for byte. A {@code URI} rather than a string, because Reactor Netty parses string
	 * URLs with a pattern that takes a one-digit port for part of the host name.
	 * @param base the route's URI, or the instance an {@code lb://} route resolved to
	 * @param request the request, as the filters left it
	 * @return the URI
	 */
	static URI upstreamUri(URI base, ServerHttpRequest request) {
		URI incoming = request.getURI();
		return RawUris.of(base, incoming.getRawPath(), incoming.getRawQuery());
	}

	/**
	 * Copies the request's end-to-end headers onto the upstream request. With the client's host
	 * preserved, a request without a {@code Host} header sends the authority of its URI instead:
	 * over HTTP/2 the client names the host in the {@code :authority} pseudo-header, which Tomcat
	 * turns into the request's server name and port but not into a header.
	 * @param request the client's request, as the filters left it
	 * @param to the upstream request's headers, with the {@code Host} of the upstream's URI
	 * @param preserveHost whether the client's host goes upstream
	 */
	static void copyRequestHeaders(ServerHttpRequest request, io.netty.handler.codec.http.HttpHeaders to,
			boolean preserveHost) {
		HttpHeaders from = request.getHeaders();
		List<String> connection = from.getOrEmpty(HttpHeaders.CONNECTION);
		// forEach, not headerSet(): the read-only request headers build a copy of their whole
		// entry set through a stream for headerSet(), on every call.
		from.forEach(HopByHopHeaders.endToEndOnly(connection, (name, values) -> {
			if (preserveHost || !HttpHeaders.HOST.equalsIgnoreCase(name)) {
				to.set(name, values);
			}
		}));
		if (preserveHost && !from.containsHeader(HttpHeaders.HOST)) {
			String authority = request.getURI().getRawAuthority();
			if (authority != null) {
				to.set(HttpHeaders.HOST, authority);
			}
		}
	}

	/**
	 * Hands a request-body buffer to Netty, which releases it once written. A Netty server's
	 * buffer goes as it is and a heap buffer is wrapped; only a pooled buffer of another kind,
	 * which must go back to its own pool now, is copied.
	 * @param buffer the buffer the server produced
	 * @return the bytes as a {@link ByteBuf}
	 */
	private static ByteBuf toByteBuf(DataBuffer buffer) {
		if (buffer instanceof NettyDataBuffer netty) {
			return netty.getNativeBuffer().touch("sluice: request body handed to the upstream connection");
		}
		if (buffer instanceof PooledDataBuffer) {
			try {
				byte[] copy = new byte[buffer.readableByteCount()];
				buffer.read(copy);
				return Unpooled.wrappedBuffer(copy);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}
		List<ByteBuffer> parts = new ArrayList<>(1);
		try (DataBuffer.ByteBufferIterator iterator = buffer.readableByteBuffers()) {
			iterator.forEachRemaining(parts::add);
		}
		return Unpooled.wrappedBuffer(parts.toArray(ByteBuffer[]::new));
	}

}
