package dev.sluice.route;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.sluice.filter.GatewayFilter;

/**
 * A compiled route: a predicate that selects requests, the filters they pass through and the
 * upstream they are proxied to. Compared by identity: two compilations of one definition are two
 * routes.
 */
public final class Route {

	/**
	 * Metadata key of the SSL bundle, by name, that a route's TLS connections to its upstream use
	 * instead of the gateway's default.
	 */
	public static final String SSL_BUNDLE = "ssl-bundle";

	private final String id;

	private final URI uri;

	private final int order;

	private final RoutePredicate predicate;

	private final List<GatewayFilter> filters;

	private final Map<String, Object> metadata;

	private final Timeouts timeouts;

	private final Description description;

	public Route(String id, URI uri, int order, RoutePredicate predicate, List<GatewayFilter> filters,
			Map<String, Object> metadata, Timeouts timeouts, Description description) {
		this.id = id;
		this.uri = uri;
		this.order = order;
		this.predicate = predicate;
		this.filters = List.copyOf(filters);
		this.metadata = Map.copyOf(metadata);
		this.timeouts = timeouts;
		this.description = description;
	}

	public String id() {
		return this.id;
	}

	public URI uri() {
		return this.uri;
	}

	public int order() {
		return this.order;
	}

	public RoutePredicate predicate() {
		return this.predicate;
	}

	public List<GatewayFilter> filters() {
		return this.filters;
	}

	public Map<String, Object> metadata() {
		return this.metadata;
	}

	public Timeouts timeouts() {
		return this.timeouts;
	}

	/**
	 * Returns the name of the SSL bundle given in the route's metadata.
	 * @return the bundle name, or {@code null} when the gateway's default applies
	 */
	public @Nullable String sslBundle() {
		return (this.metadata.get(SSL_BUNDLE) instanceof String name) ? name : null;
	}

	public Description description() {
		return this.description;
	}

	@Override
	public String toString() {
		return "Route[" + this.id + " -> " + this.uri + "]";
	}

	/**
	 * Per-route timeouts; {@code null} means the HTTP client's default applies.
	 *
	 * @param connect the connect timeout
	 * @param response the response timeout
	 */
	public record Timeouts(@Nullable Duration connect, @Nullable Duration response) {
	}

	/**
	 * The predicates and filters of a route as they were configured.
	 *
	 * @param predicates the predicate definitions as text
	 * @param filters the filter definitions as text
	 */
	public record Description(List<String> predicates, List<String> filters) {

	}

}
