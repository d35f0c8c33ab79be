package dev.sluice.route;

import io.micrometer.common.KeyValue;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Hands requests that match a route to the gateway's handler. Runs after the actuator's and the
 * application's own mappings, so endpoints and controllers keep their paths. Tells the server's
 * observation which path pattern the route matched, so {@code http.server.requests} has it as its
 * {@code uri} tag instead of {@code UNKNOWN}.
 */
public final class RouteHandlerMapping extends AbstractHandlerMapping {

	/** Exchange attribute holding the matched {@link RouteTable.Entry}. */
	public static final String ROUTE_ENTRY = RouteHandlerMapping.class.getName() + ".entry";

	private static final String ANY_PATH = "/**";

	private static final String HTTP_ROUTE = "http.route";

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
		ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.ifPresent((context) -> observe(context, pathPattern(exchange)));
		return Mono.just(this.gatewayHandler);
	}

	/**
	 * Returns the path pattern that stands for the request's route in observations: the pattern
	 * of its {@code Path} predicate that matched, or {@code /**} for a route without one, which
	 * matches every path.
	 * @param exchange the exchange, after its route matched
	 * @return the pattern
	 */
	public static String pathPattern(ServerWebExchange exchange) {
		Object pattern = exchange.getAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE);
		return (pattern instanceof PathPattern pathPattern) ? pathPattern.getPatternString() : ANY_PATH;
	}

	private static void observe(ServerRequestObservationContext context, String pattern) {
		// The uri tag of http.server.requests, as for a controller; http.route for tracing
		// backends, on the span only (a high-cardinality key is not a meter tag).
		context.setPathPattern(pattern);
		context.addHighCardinalityKeyValue(KeyValue.of(HTTP_ROUTE, pattern));
	}

}
