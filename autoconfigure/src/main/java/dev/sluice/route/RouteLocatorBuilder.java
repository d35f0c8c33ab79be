package dev.sluice.route;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.filter.GatewayFilter;

/**
 * Builds routes in Java, with the same predicate and filter factories as YAML routes, into a
 * {@link RouteLocator} whose routes join those of {@code sluice.routes}:
 * <pre class="code">
 * &#64;Bean
 * RouteLocator javaRoutes(RouteLocatorBuilder builder) {
 *     return builder.routes()
 *         .route("users", (r) -&gt; r.path("/users/**").filters((f) -&gt; f.stripPrefix(1)).uri("http://localhost:9000"))
 *         .build();
 * }
 * </pre>
 */
public final class RouteLocatorBuilder {

	private final RouteCompiler compiler;

	public RouteLocatorBuilder(RouteCompiler compiler) {
		this.compiler = compiler;
	}

	/**
	 * Starts a set of routes.
	 * @return the builder of the set
	 */
	public Routes routes() {
		return new Routes(this.compiler);
	}

	/**
	 * A set of routes under construction.
	 */
	public static final class Routes {

		private final RouteCompiler compiler;

		private final List<RouteSpec> specs = new ArrayList<>();

		Routes(RouteCompiler compiler) {
			this.compiler = compiler;
		}

		/**
		 * Adds a route.
		 * @param id the route id
		 * @param route describes the route, ending with {@link RouteSpec#uri(String)}
		 * @return this
		 */
		public Routes route(String id, Function<RouteSpec, RouteSpec> route) {
			RouteSpec spec = route.apply(new RouteSpec(id));
			this.specs.add(spec);
			return this;
		}

		/**
		 * Compiles the routes, failing with a {@link RouteDefinitionException} that names the
		 * route and the predicate or filter at fault.
		 * @return the routes as a locator
		 */
		public RouteLocator build() {
			List<Route> routes = new ArrayList<>();
			for (RouteSpec spec : this.specs) {
				routes.add(spec.compile(this.compiler));
			}
			List<Route> built = List.copyOf(routes);
			return () -> built;
		}

	}

	/**
	 * One route under construction: its predicates, filters and upstream.
	 */
	public static final class RouteSpec {

		private final RouteDefinition definition = new RouteDefinition();

		private final List<RoutePredicate> predicates = new ArrayList<>();

		private final List<GatewayFilter> filters = new ArrayList<>();

		RouteSpec(String id) {
			this.definition.setId(id);
		}

		/**
		 * Adds a predicate by factory name, with arguments in shortcut order.
		 * @param name the factory name, such as {@code Header}
		 * @param args the arguments
		 * @return this
		 */
		public RouteSpec predicate(String name, String... args) {
			this.definition.getPredicates().add(positional(new PredicateDefinition(), name, args));
			return this;
		}

		/**
		 * Adds a predicate written in Java.
		 * @param predicate the predicate
		 * @return this
		 */
		public RouteSpec predicate(RoutePredicate predicate) {
			this.predicates.add(predicate);
			return this;
		}

		public RouteSpec path(String... patterns) {
			return predicate("Path", patterns);
		}

		public RouteSpec host(String... patterns) {
			return predicate("Host", patterns);
		}

		public RouteSpec method(String... methods) {
			return predicate("Method", methods);
		}

		public RouteSpec header(String header, String regexp) {
			return predicate("Header", header, regexp);
		}

		public RouteSpec query(String param, String regexp) {
			return predicate("Query", param, regexp);
		}

		public RouteSpec weight(String group, int weight) {
			return predicate("Weight", group, Integer.toString(weight));
		}

		/**
		 * Adds filters.
		 * @param filters adds the filters
		 * @return this
		 */
		public RouteSpec filters(UnaryOperator<FilterSpec> filters) {
			filters.apply(new FilterSpec(this));
			return this;
		}

		public RouteSpec order(int order) {
			this.definition.setOrder(order);
			return this;
		}

		public RouteSpec metadata(String key, Object value) {
			this.definition.getMetadata().put(key, value);
			return this;
		}

		/**
		 * Sets the upstream; the last call of a route's description.
		 * @param uri the upstream base URI
		 * @return this
		 */
		public RouteSpec uri(String uri) {
			this.definition.setUri(uri);
			return this;
		}

		Route compile(RouteCompiler compiler) {
			String property = "routes(" + this.definition.getId() + ")";
			Route route = compiler.compile(property, this.definition, List.of());
			RoutePredicate predicate = route.predicate();
			for (RoutePredicate extra : this.predicates) {
				predicate = predicate.and(extra);
			}
			List<GatewayFilter> filters = new ArrayList<>(route.filters());
			filters.addAll(this.filters);
			return new Route(route.id(), route.uri(), route.order(), predicate, filters, route.metadata(),
					route.timeouts(), route.description());
		}

	}

	/**
	 * The filters of a route under construction.
	 */
	public static final class FilterSpec {

		private final RouteSpec route;

		FilterSpec(RouteSpec route) {
			this.route = route;
		}

		/**
		 * Adds a filter by factory name, with arguments in shortcut order.
		 * @param name the factory name, such as {@code AddRequestHeader}
		 * @param args the arguments
		 * @return this
		 */
		public FilterSpec filter(String name, String... args) {
			this.route.definition.getFilters().add(positional(new FilterDefinition(), name, args));
			return this;
		}

		/**
		 * Adds a filter written in Java, after the named ones.
		 * @param filter the filter
		 * @return this
		 */
		public FilterSpec filter(GatewayFilter filter) {
			this.route.filters.add(filter);
			return this;
		}

		public FilterSpec stripPrefix(int parts) {
			return filter("StripPrefix", Integer.toString(parts));
		}

		public FilterSpec prefixPath(String prefix) {
			return filter("PrefixPath", prefix);
		}

		public FilterSpec setPath(String template) {
			return filter("SetPath", template);
		}

		public FilterSpec rewritePath(String regexp, String replacement) {
			return filter("RewritePath", regexp, replacement);
		}

		public FilterSpec addRequestHeader(String name, String value) {
			return filter("AddRequestHeader", name, value);
		}

		public FilterSpec addResponseHeader(String name, String value) {
			return filter("AddResponseHeader", name, value);
		}

		public FilterSpec retry(int retries) {
			return filter("Retry", Integer.toString(retries));
		}

	}

	/**
	 * Fills a definition as the shortcut form would, without splitting arguments on commas.
	 */
	private static <D extends NamedArgumentsDefinition> D positional(D definition, String name, String... args) {
		definition.setName(name);
		for (int i = 0; i < args.length; i++) {
			definition.getArgs().put(NamedArgumentsDefinition.POSITIONAL_KEY_PREFIX + i, args[i]);
		}
		return definition;
	}

}
