package dev.sluice.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.ArgumentBinder;
import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.util.StringUtils;

/**
 * Turns route definitions into routes, resolving predicate and filter names against the
 * registered factories and failing with a {@link RouteDefinitionException} that names the
 * property at fault.
 */
public final class RouteCompiler {

	private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");

	/** The scheme of routes resolved through Spring Cloud LoadBalancer. */
	private static final String LOAD_BALANCED = "lb";

	/** The scheme of routes answered by the application's own handlers. */
	private static final String FORWARD = "forward";

	private final Map<String, RoutePredicateFactory<?>> predicateFactories = new LinkedHashMap<>();

	private final Map<String, GatewayFilterFactory<?>> filterFactories = new LinkedHashMap<>();

	private final Supplier<List<String>> sslBundleNames;

	private final Set<String> resolvedSchemes;

	public RouteCompiler(List<? extends RoutePredicateFactory<?>> predicateFactories,
			List<? extends GatewayFilterFactory<?>> filterFactories) {
		this(predicateFactories, filterFactories, List::of, Set.of());
	}

	/**
	 * Creates a compiler.
	 * @param predicateFactories the predicate factories
	 * @param filterFactories the filter factories
	 * @param sslBundleNames the names of the SSL bundles the application defines, asked for each
	 * route that names one
	 * @param resolvedSchemes route URI schemes other than http, https, ws and wss that a bean
	 * resolves ({@link UpstreamScheme}), such as {@code lb}
	 */
	public RouteCompiler(List<? extends RoutePredicateFactory<?>> predicateFactories,
			List<? extends GatewayFilterFactory<?>> filterFactories, Supplier<List<String>> sslBundleNames,
			Set<String> resolvedSchemes) {
		predicateFactories.forEach((factory) -> this.predicateFactories.put(factory.name(), factory));
		filterFactories.forEach((factory) -> this.filterFactories.put(factory.name(), factory));
		this.sslBundleNames = sslBundleNames;
		this.resolvedSchemes = Set.copyOf(resolvedSchemes);
	}

	/**
	 * Compiles definitions bound under a property prefix.
	 * @param prefix the property that holds the list, such as {@code sluice.routes}
	 * @param definitions the definitions
	 * @param defaultFilters filters added to the end of every route's filters
	 * @return the routes, in definition order
	 */
	public List<Route> compile(String prefix, List<RouteDefinition> definitions, List<FilterDefinition> defaultFilters) {
		List<Route> routes = new ArrayList<>(definitions.size());
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < definitions.size(); i++) {
			String property = prefix + "[" + i + "]";
			Route route = compile(property, definitions.get(i), defaultFilters);
			if (!ids.add(route.id())) {
				throw new RouteDefinitionException(property + ".id", "duplicate route id '" + route.id() + "'");
			}
			routes.add(route);
		}
		return routes;
	}

	Route compile(String property, RouteDefinition definition, List<FilterDefinition> defaultFilters) {
		String id = StringUtils.hasText(definition.getId()) ? definition.getId() : property;
		URI uri = upstreamUri(property + ".uri", definition.getUri());
		requireResolver(property + ".uri", uri);
		RoutePredicate predicate = (exchange) -> true;
		List<String> predicateText = new ArrayList<>();
		for (int i = 0; i < definition.getPredicates().size(); i++) {
			PredicateDefinition predicateDefinition = definition.getPredicates().get(i);
			predicate = predicate.and(predicate(property + ".predicates[" + i + "]", predicateDefinition));
			predicateText.add(predicateDefinition.toString());
		}
		List<GatewayFilter> filters = new ArrayList<>();
		List<String> filterText = new ArrayList<>();
		for (int i = 0; i < definition.getFilters().size(); i++) {
			FilterDefinition filterDefinition = definition.getFilters().get(i);
			filters.add(filter(property + ".filters[" + i + "]", filterDefinition));
			filterText.add(filterDefinition.toString());
		}
		for (int i = 0; i < defaultFilters.size(); i++) {
			filters.add(filter("sluice.default-filters[" + i + "]", defaultFilters.get(i)));
			filterText.add(defaultFilters.get(i).toString());
		}
		Route.Timeouts timeouts = new Route.Timeouts(
				duration(property + ".metadata.connect-timeout", definition.getMetadata().get("connect-timeout")),
				duration(property + ".metadata.response-timeout", definition.getMetadata().get("response-timeout")));
		sslBundle(property + ".metadata." + Route.SSL_BUNDLE, definition.getMetadata().get(Route.SSL_BUNDLE));
		return new Route(id, uri, definition.getOrder(), predicate, filters, definition.getMetadata(), timeouts,
				new Route.Description(predicateText, filterText));
	}

	private RoutePredicate predicate(String property, PredicateDefinition definition) {
		RoutePredicateFactory<?> factory = this.predicateFactories.get(definition.getName());
		if (factory == null) {
			throw new RouteDefinitionException(property, "unknown predicate '" + definition.getName() + "'",
					this.predicateFactories.keySet().stream().sorted().toList(), null);
		}
		return create(property, () -> predicate(property, definition, factory));
	}

	private static <C> RoutePredicate predicate(String property, PredicateDefinition definition,
			RoutePredicateFactory<C> factory) {
		return ArgumentBinder.create(property, definition.getArgs(), factory,
				(config) -> factory.create(property, config));
	}

	private GatewayFilter filter(String property, FilterDefinition definition) {
		GatewayFilterFactory<?> factory = this.filterFactories.get(definition.getName());
		if (factory == null) {
			throw new RouteDefinitionException(property, "unknown filter '" + definition.getName() + "'",
					this.filterFactories.keySet().stream().sorted().toList(), null);
		}
		return create(property, () -> filter(property, definition, factory));
	}

	private static <C> GatewayFilter filter(String property, FilterDefinition definition, GatewayFilterFactory<C> factory) {
		return ArgumentBinder.create(property, definition.getArgs(), factory, factory::create);
	}

	/**
	 * Runs a factory, turning any failure of a user's factory into one that names the property.
	 */
	private static <T> T create(String property, Supplier<T> factory) {
		try {
			return factory.get();
		}
		catch (RouteDefinitionException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new RouteDefinitionException(property, "cannot be created: " + ex, List.of(), ex);
		}
	}

	/**
	 * Parses and checks an upstream URI: http, https, ws or wss with a host, {@code lb://service-id}
	 * or {@code forward:/path}. A ws or wss route takes WebSocket handshakes, and plain HTTP
	 * requests as http or https would.
	 * @param property the property for error messages
	 * @param text the URI
	 * @return the URI
	 */
	public static URI upstreamUri(String property, String text) {
		if (!StringUtils.hasText(text)) {
			throw new RouteDefinitionException(property, "missing upstream URI");
		}
		URI uri;
		try {
			uri = new URI(text.trim());
		}
		catch (URISyntaxException ex) {
			throw new RouteDefinitionException(property, "'" + text + "' is not a valid URI: " + ex.getReason());
		}
		String scheme = uri.getScheme();
		if (LOAD_BALANCED.equalsIgnoreCase(scheme)) {
			// A service id need not be a host name (it may hold an underscore), so only the
			// authority is required: of lb://service-id, or of the WebSocket URI in lb:ws://service-id.
			URI service = serviceUri(uri);
			if (service == null || !StringUtils.hasText(service.getRawAuthority())) {
				throw new RouteDefinitionException(property,
						"'" + text + "' names no service, as in lb://service-id or lb:ws://service-id");
			}
			return uri;
		}
		if (FORWARD.equalsIgnoreCase(scheme)) {
			if (!uri.getRawSchemeSpecificPart().startsWith("/")) {
				throw new RouteDefinitionException(property, "'" + text + "' names no path, as in forward:/path");
			}
			return uri;
		}
		if (!SCHEMES.contains((scheme != null) ? scheme.toLowerCase(java.util.Locale.ROOT) : "")) {
			throw new RouteDefinitionException(property,
					"'" + text + "' must use the http, https, ws, wss, lb or forward scheme",
					List.of("http://host:port", "https://host:port", "ws://host:port", "wss://host:port",
							"lb://service-id", "forward:/path"), null);
		}
		if (uri.getHost() == null) {
			throw new RouteDefinitionException(property, "'" + text + "' has no host");
		}
		return uri;
	}

	private void sslBundle(String property, @Nullable Object value) {
		if (value == null) {
			return;
		}
		if (!(value instanceof String name) || !StringUtils.hasText(name)) {
			throw new RouteDefinitionException(property, "must name an SSL bundle (spring.ssl.bundle.*), not '" + value + "'");
		}
		List<String> names = this.sslBundleNames.get();
		if (!names.contains(name)) {
			throw new RouteDefinitionException(property, "there is no SSL bundle named '" + name + "'",
					names.stream().sorted().toList(), null);
		}
	}

	/**
	 * Returns the URI whose authority names the service of an {@code lb:} route:
	 * {@code lb://service-id} itself, or the {@code ws://service-id} inside
	 * {@code lb:ws://service-id} (and {@code lb:wss://}).
	 * @param uri the route's URI
	 * @return the URI naming the service, or {@code null} when the inner part is no URI
	 */
	public static @Nullable URI serviceUri(URI uri) {
		if (!isLoadBalancedWebSocket(uri)) {
			return uri;
		}
		try {
			return new URI(uri.getRawSchemeSpecificPart());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static boolean isLoadBalancedWebSocket(URI uri) {
		if (!LOAD_BALANCED.equalsIgnoreCase(uri.getScheme())) {
			return false;
		}
		String rest = uri.getRawSchemeSpecificPart().toLowerCase(java.util.Locale.ROOT);
		return rest.startsWith("ws://") || rest.startsWith("wss://");
	}

	private void requireResolver(String property, URI uri) {
		if (LOAD_BALANCED.equalsIgnoreCase(uri.getScheme()) && !this.resolvedSchemes.contains(LOAD_BALANCED)) {
			throw new RouteDefinitionException(property, "'" + uri + "' needs Spring Cloud LoadBalancer: add "
					+ "org.springframework.cloud:spring-cloud-starter-loadbalancer (version from the Spring Cloud BOM) "
					+ "to the application");
		}
		if (FORWARD.equalsIgnoreCase(uri.getScheme()) && !this.resolvedSchemes.contains(FORWARD)) {
			throw new RouteDefinitionException(property, "'" + uri + "' needs a WebFlux DispatcherHandler to forward to");
		}
	}

	private static @Nullable Duration duration(String property, @Nullable Object value) {
		return (value != null) ? ArgumentBinder.convert(property, value, Duration.class) : null;
	}

}
