package dev.sluice.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.loadbalancer.InstanceStates;
import dev.sluice.route.RefreshRoutesEvent;
import dev.sluice.route.Route;
import dev.sluice.route.RouteTable;
import dev.sluice.proxy.ResponseWriterSelector;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Actuator endpoint that lists the gateway's routes ({@code GET /actuator/gateway}; in Spring Cloud
 * Gateway's shape at {@code GET /actuator/gateway/routes} and {@code /actuator/gateway/routes/{id}})
 * and reloads them ({@code POST /actuator/gateway/refresh}) by publishing a {@link RefreshRoutesEvent} to the
 * route sources, then rebuilding the route table. Exchanges in flight keep the route they matched.
 */
@Endpoint(id = "gateway", defaultAccess = Access.READ_ONLY)
public class GatewayEndpoint {

	private final RouteTable routeTable;

	private final ApplicationEventPublisher publisher;

	private final ResponseWriterSelector writers;

	private final @Nullable InstanceStates instances;

	private Show showValues = Show.NEVER;

	private Set<String> roles = Set.of();

	/**
	 * Creates the endpoint.
	 * @param routeTable the routes in force
	 * @param publisher where the refresh event goes to the route sources
	 * @param writers the response writer chosen for the running server
	 */
	public GatewayEndpoint(RouteTable routeTable, ApplicationEventPublisher publisher, ResponseWriterSelector writers) {
		this(routeTable, publisher, writers, null);
	}

	/**
	 * Creates the endpoint.
	 * @param routeTable the routes in force
	 * @param publisher where the refresh event goes to the route sources
	 * @param writers the response writer chosen for the running server
	 * @param instances the instances {@code lb://} routes resolved to, or {@code null} without
	 * Spring Cloud LoadBalancer
	 */
	public GatewayEndpoint(RouteTable routeTable, ApplicationEventPublisher publisher, ResponseWriterSelector writers,
			@Nullable InstanceStates instances) {
		this.routeTable = routeTable;
		this.publisher = publisher;
		this.writers = writers;
		this.instances = instances;
	}

	/**
	 * Sets when the values of secret-looking metadata keys are shown unmasked, as
	 * {@code management.endpoint.env.show-values} does for the {@code env} endpoint.
	 * @param showValues when values are shown ({@link Show#NEVER} by default)
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}; any
	 * authenticated user when empty
	 */
	public void setShowValues(Show showValues, Set<String> roles) {
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	@ReadOperation
	public GatewayDescriptor gateway(SecurityContext securityContext) {
		boolean show = this.showValues.isShown(securityContext, this.roles);
		return new GatewayDescriptor(this.writers.server().name(), this.writers.writerName(),
				this.writers.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'),
				this.routeTable.routes()
					.stream()
					.map((route) -> RouteDescriptor.of(route, instances(route), show))
					.toList());
	}

	/**
	 * Lists the routes in Spring Cloud Gateway's shape ({@code GET /actuator/gateway/routes}).
	 * Read-only: routes are not created over HTTP.
	 * @param securityContext who asks, for {@code show-values}
	 * @param collection {@code routes}
	 * @return the routes in the order they are tried
	 */
	@ReadOperation
	public WebEndpointResponse<Object> collection(SecurityContext securityContext, @Selector String collection) {
		if (!"routes".equals(collection)) {
			return badRequest("Unknown collection '" + collection + "'", List.of("routes"));
		}
		boolean show = this.showValues.isShown(securityContext, this.roles);
		return new WebEndpointResponse<>(this.routeTable.routes().stream().map((route) -> scgShape(route, show)).toList());
	}

	/**
	 * Shows one route in Spring Cloud Gateway's shape ({@code GET /actuator/gateway/routes/{id}}).
	 * @param securityContext who asks, for {@code show-values}
	 * @param collection {@code routes}
	 * @param id the route id
	 * @return the route, or {@code null} (a 404) when there is none with that id
	 */
	@ReadOperation
	public WebEndpointResponse<Object> route(SecurityContext securityContext, @Selector String collection,
			@Selector String id) {
		if (!"routes".equals(collection)) {
			return badRequest("Unknown collection '" + collection + "'", List.of("routes"));
		}
		return this.routeTable.routes()
			.stream()
			.filter((route) -> route.id().equals(id))
			.findFirst()
			.map((route) -> new WebEndpointResponse<Object>(
					scgShape(route, this.showValues.isShown(securityContext, this.roles))))
			.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	/**
	 * Returns a 400 whose body says what was wrong and lists the valid choices: an exception's
	 * reason would not reach the client, as Spring Boot leaves error messages out of error bodies
	 * by default.
	 */
	private static WebEndpointResponse<Object> badRequest(String error, List<String> validChoices) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("validChoices", validChoices);
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	/**
	 * Returns a route as Spring Cloud Gateway's endpoint shows it: {@code route_id}, {@code uri},
	 * {@code order}, {@code predicate} (all predicates, joined by {@code &&}), {@code predicates},
	 * {@code filters} and {@code metadata} (with secret-looking values masked).
	 */
	static Map<String, Object> scgShape(Route route, boolean showValues) {
		Route.Description description = route.description();
		List<String> predicates = (description != null) ? description.predicates() : List.of();
		Map<String, Object> shape = new LinkedHashMap<>();
		shape.put("route_id", route.id());
		shape.put("uri", route.uri().toString());
		shape.put("order", route.order());
		shape.put("predicate", predicates.isEmpty() ? "(any request)" : String.join(" && ", predicates));
		shape.put("predicates", predicates);
		shape.put("filters", (description != null) ? description.filters() : List.of());
		shape.put("metadata", showValues ? route.metadata() : RouteDescriptor.masked(route.metadata()));
		return shape;
	}

	private List<InstanceStates.InstanceState> instances(Route route) {
		String service = InstanceStates.serviceId(route.uri());
		return (service != null && this.instances != null) ? this.instances.of(service) : List.of();
	}

	/**
	 * Runs an action; {@code refresh} reloads the routes.
	 * @param action the action
	 * @return what the action did
	 */
	@WriteOperation
	public WebEndpointResponse<Object> action(@Selector String action) {
		if (!"refresh".equals(action)) {
			return badRequest("Unknown action '" + action + "'", List.of("refresh"));
		}
		try {
			this.publisher.publishEvent(new RefreshRoutesEvent(this));
		}
		catch (RouteDefinitionException | BindException ex) {
			String problem = (ex instanceof BindException bind && bind.getCause() != null)
					? ex.getMessage() + ": " + bind.getCause().getMessage() : ex.getMessage();
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", "Routes not reloaded: " + problem);
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		this.routeTable.refresh();
		return new WebEndpointResponse<>(new RefreshDescriptor(this.routeTable.routes().size()));
	}

	/**
	 * What the endpoint reports about the gateway.
	 *
	 * @param server the running server: {@code reactor-netty}, {@code tomcat}, ...
	 * @param writer the response writer in use: {@code zero-copy} or {@code copy}
	 * @param writerStrategy the configured strategy: {@code auto}, {@code zero-copy} or {@code copy}
	 * @param routes the routes in the order they are tried
	 */
	public record GatewayDescriptor(String server, String writer, String writerStrategy, List<RouteDescriptor> routes) {
	}

	/**
	 * A route as the endpoint reports it.
	 *
	 * @param id the route id
	 * @param uri the upstream URI
	 * @param order the order
	 * @param predicates the predicates as configured
	 * @param filters the filters as configured
	 * @param metadata the metadata, with the values of secret-looking keys masked
	 * @param instances for an {@code lb://} route, the instances of its service resolved so far and
	 * their state (last outcome, failures in a row, ejection); empty for other routes
	 */
	public record RouteDescriptor(String id, String uri, int order, List<String> predicates, List<String> filters,
			Map<String, Object> metadata, List<InstanceStates.InstanceState> instances) {

		private static final List<String> SECRET_WORDS = List.of("key", "secret", "token", "password", "credential");

		static RouteDescriptor of(Route route, List<InstanceStates.InstanceState> instances, boolean showValues) {
			Route.Description description = route.description();
			return new RouteDescriptor(route.id(), route.uri().toString(), route.order(),
					(description != null) ? description.predicates() : List.of(),
					(description != null) ? description.filters() : List.of(),
					showValues ? route.metadata() : masked(route.metadata()), instances);
		}

		/**
		 * Returns metadata with the values of secret-looking keys ({@code *key*}, {@code *secret*},
		 * {@code *token*}, {@code *password*}, {@code *credential*}) replaced by Spring Boot's
		 * sanitized value, as the {@code env} and {@code configprops} endpoints show them.
		 */
		static Map<String, Object> masked(Map<String, Object> metadata) {
			Map<String, Object> masked = new LinkedHashMap<>(metadata.size());
			metadata.forEach((key, value) -> masked.put(key, isSecret(key) ? SanitizableData.SANITIZED_VALUE : value));
			return masked;
		}

		private static boolean isSecret(String key) {
			String lower = key.toLowerCase(Locale.ROOT);
			return SECRET_WORDS.stream().anyMatch(lower::contains);
		}

	}

	/**
	 * The outcome of a refresh.
	 *
	 * @param routes how many routes are in force after it
	 */
	public record RefreshDescriptor(int routes) {
	}

}
