package dev.sluice.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route as written under {@code sluice.routes[*]}: where matching requests go and what happens
 * to them on the way.
 */
public class RouteDefinition {

	/**
	 * Unique identifier of the route, used in logs, metrics and actuator endpoints.
	 */
	private String id;

	/**
	 * Upstream base URI (scheme, host and port), for example http://localhost:9000.
	 */
	private String uri;

	/**
	 * Predicates that must all match for a request to take this route.
	 */
	private List<PredicateDefinition> predicates = new ArrayList<>();

	/**
	 * Filters applied to requests and responses on this route, in order.
	 */
	private List<FilterDefinition> filters = new ArrayList<>();

	/**
	 * Free-form route metadata; "connect-timeout" and "response-timeout" override the HTTP
	 * client's timeouts for this route.
	 */
	private Map<String, Object> metadata = new LinkedHashMap<>();

	/**
	 * Order of the route; lower values are tried first, ties keep their declaration order.
	 */
	private int order;

	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public String getUri() {
		return this.uri;
	}

	public void setUri(String uri) {
		this.uri = uri;
	}

	public List<PredicateDefinition> getPredicates() {
		return this.predicates;
	}

	public void setPredicates(List<PredicateDefinition> predicates) {
		this.predicates = predicates;
	}

	public List<FilterDefinition> getFilters() {
		return this.filters;
	}

	public void setFilters(List<FilterDefinition> filters) {
		this.filters = filters;
	}

	public Map<String, Object> getMetadata() {
		return this.metadata;
	}

	public void setMetadata(Map<String, Object> metadata) {
		this.metadata = metadata;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

}
