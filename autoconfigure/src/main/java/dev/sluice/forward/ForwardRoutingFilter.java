package dev.sluice.forward;

import reactor.core.publisher.Mono;

import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.filter.GlobalFilter;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;
import dev.sluice.route.UpstreamScheme;

import org.springframework.web.server.ServerWebExchange;

/**
 * Ends the chain of a route whose URI is {@code forward:/path} by handing the exchange to the
 * application's own handler for that path instead of proxying it.
 */
public final class ForwardRoutingFilter implements GlobalFilter, UpstreamScheme {

	/** The last filter: the route's filters and every other global filter run before the forward. */
	public static final int ORDER = Integer.MAX_VALUE;

	private final Forwarder forwarder;

	public ForwardRoutingFilter(Forwarder forwarder) {
		this.forwarder = forwarder;
	}

	@Override
	public String scheme() {
		return "forward";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(GatewayAttributes.ROUTE);
		if (route == null || !Forwarder.isForward(route.uri())) {
			return chain.filter(exchange);
		}
		return this.forwarder.forward(exchange, route.uri());
	}

}
