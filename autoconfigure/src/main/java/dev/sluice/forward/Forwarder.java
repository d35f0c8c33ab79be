package dev.sluice.forward;

import java.net.URI;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import dev.sluice.route.GatewayAttributes;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Hands an exchange, with its path changed, to the application's {@code DispatcherHandler}, so that
 * the application's own controllers and router functions answer it. The query and the exchange's
 * attributes are kept. A forward to a path that a route matches is proxied by that route.
 */
public final class Forwarder {

	private final Supplier<WebHandler> dispatcher;

	/**
	 * Creates a forwarder.
	 * @param dispatcher the application's dispatcher, looked up when first used: it depends on the
	 * gateway's handler mapping, which depends on this forwarder
	 */
	public Forwarder(Supplier<WebHandler> dispatcher) {
		this.dispatcher = dispatcher;
	}

	/**
	 * Forwards an exchange.
	 * @param exchange the exchange
	 * @param target a {@code forward:/path} URI
	 * @return completion of the application's handling, with the response committed
	 */
	public Mono<Void> forward(ServerWebExchange exchange, URI target) {
		String path = path(target);
		ServerHttpRequest request = exchange.getRequest().mutate().path(path).build();
		ServerWebExchange forwarded = exchange.mutate().request(request).build();
		// The instance an lb:// route chose is not the upstream of a route the forward may reach.
		forwarded.getAttributes().remove(GatewayAttributes.UPSTREAM_BASE_URI);
		// A handler that writes nothing still ends the response, so nothing else is written to it.
		return this.dispatcher.get().handle(forwarded).then(Mono.defer(() -> forwarded.getResponse().setComplete()));
	}

	/**
	 * Returns whether a URI is a forward.
	 * @param uri the URI
	 * @return whether its scheme is {@code forward}
	 */
	public static boolean isForward(URI uri) {
		return "forward".equalsIgnoreCase(uri.getScheme());
	}

	static String path(URI target) {
		String path = target.getRawSchemeSpecificPart();
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
	}

}
