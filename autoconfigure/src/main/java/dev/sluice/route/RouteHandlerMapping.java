package dev.sluice.route;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Hands requests that match a route to the gateway's handler. Runs after the actuator's and the
 * application's own mappings, so endpoints and controllers keep their paths.
 */
public final class RouteHandlerMapping extends AbstractHandlerMapping {

	/** Exchange attribute holding the matched {@link RouteTable.Entry}. */
	public static final String ROUTE_ENTRY = RouteHandlerMapping.class.getName() + ".entry";

	private final RouteTable routeTable;

	private final WebHandler gatewayHandler;

	public RouteHandlerMapping(RouteTable routeTable, WebHandler gatewayHandler, int order) {
		this.routeTable = routeTable;
		this.gatewayHandler = gatewayHandler;
		setOrder(order);
	}

	@Override
	protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
		RouteTable.Entry entry = this.routeTable.match(exchange);
		if (entry == null) {
			return Mono.empty();
		}
		exchange.getAttributes().put(GatewayAttributes.ROUTE, entry.route());
		exchange.getAttributes().put(ROUTE_ENTRY, entry);
		return Mono.just(this.gatewayHandler);
	}

}
