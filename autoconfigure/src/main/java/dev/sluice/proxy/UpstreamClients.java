package dev.sluice.proxy;

import java.net.URI;

import reactor.netty.http.client.HttpClient;

import dev.sluice.route.Route;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The per-route choice of client that the HTTP proxy makes (event-loop affinity, the route's
 * connect timeout and whatever else {@link ProxyClient} applies per route), over a client of the
 * caller's, for protocols proxied outside {@link GatewayWebHandler} such as WebSocket, whose
 * long-lived connections must not take the pooled HTTP connections.
 */
public final class UpstreamClients {

	private final ProxyClient client;

	/**
	 * Creates the choice over a client.
	 * @param httpClient the client to choose from
	 * @param loopAffinity whether, on Reactor Netty, each event loop calls upstreams over
	 * connections of its own
	 * @param tls how to talk TLS to {@code wss://} upstreams, as for {@code https://} ones
	 */
	public UpstreamClients(HttpClient httpClient, boolean loopAffinity, UpstreamTls tls) {
		this.client = new ProxyClient(httpClient, loopAffinity, tls);
	}

	/**
	 * Returns the client for a route and a request.
	 * @param route the route
	 * @param request the request, as the filters left it
	 * @param target the URI called: the route's, or the instance an {@code lb:} route resolved to
	 * @return the client
	 */
	public HttpClient client(Route route, ServerHttpRequest request, URI target) {
		return this.client.client(route, request, target);
	}

}
