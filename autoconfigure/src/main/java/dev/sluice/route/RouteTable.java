package dev.sluice.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GlobalFilter;
import dev.sluice.filter.OrderedGatewayFilter;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The routes in force, in the order they are tried: by {@link Route#order()}, then by the order
 * their locators gave them. The first route whose predicate matches wins. Each route's full
 * filter chain, its own filters merged with the global ones, is built once per load.
 */
public final class RouteTable {

	private final Supplier<List<Route>> source;

	private final List<GlobalFilter> globalFilters;

	private volatile List<Entry> entries;

	public RouteTable(Supplier<List<Route>> source, List<GlobalFilter> globalFilters) {
		this.source = source;
		this.globalFilters = List.copyOf(globalFilters);
		this.entries = load();
	}

	public List<Route> routes() {
		return this.entries.stream().map(Entry::route).toList();
	}

	/**
	 * Returns the first route that matches the exchange, with its filter chain.
	 * @param exchange the exchange
	 * @return the entry, or {@code null}
	 */
	public @Nullable Entry match(ServerWebExchange exchange) {
		for (Entry entry : this.entries) {
			if (entry.route().predicate().test(exchange)) {
				return entry;
			}
			// A Path predicate that matched in a route that did not must not name the pattern.
			exchange.getAttributes().remove(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		}
		return null;
	}

	/**
	 * Reloads the routes from their source; requests in flight keep the route they matched.
	 */
	public void refresh() {
		this.entries = load();
	}

	private List<Entry> load() {
		List<Route> routes = new ArrayList<>(this.source.get());
		routes.sort(Comparator.comparingInt(Route::order));
		return routes.stream().map((route) -> new Entry(route, chain(route))).toList();
	}

	private List<GatewayFilter> chain(Route route) {
		List<GatewayFilter> chain = new ArrayList<>(this.globalFilters);
		List<GatewayFilter> own = route.filters();
		for (int i = 0; i < own.size(); i++) {
			GatewayFilter filter = own.get(i);
			chain.add((filter instanceof Ordered) ? filter : new OrderedGatewayFilter(filter, i + 1));
		}
		AnnotationAwareOrderComparator.sort(chain);
		return chain;
	}

	/**
	 * A route and the filters an exchange on it passes through, in order.
	 *
	 * @param route the route
	 * @param filters global and route filters, sorted
	 */
	public record Entry(Route route, List<GatewayFilter> filters) {

		public Entry {
			filters = List.copyOf(filters);
		}

	}

}
