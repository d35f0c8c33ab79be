package dev.sluice.autoconfigure;

import java.util.List;

import dev.sluice.route.Route;
import dev.sluice.route.RouteCompiler;
import dev.sluice.route.RouteLocator;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The routes of {@code sluice.routes} and {@code sluice.default-filters}, compiled once and again
 * on {@link #reload(Environment)}; a reload that fails leaves the routes in force untouched.
 */
public final class PropertiesRouteLocator implements RouteLocator {

	private final RouteCompiler compiler;

	private volatile List<Route> routes;

	public PropertiesRouteLocator(RouteCompiler compiler, SluiceProperties properties) {
		this.compiler = compiler;
		this.routes = compile(properties);
	}

	@Override
	public List<Route> getRoutes() {
		return this.routes;
	}

	/**
	 * Binds {@code sluice.*} from the environment again and compiles the routes it describes.
	 * @param environment the environment
	 * @return the new routes
	 */
	public List<Route> reload(Environment environment) {
		SluiceProperties properties = Binder.get(environment)
			.bind("sluice", SluiceProperties.class)
			.orElseGet(SluiceProperties::new);
		List<Route> compiled = compile(properties);
		this.routes = compiled;
		return compiled;
	}

	private List<Route> compile(SluiceProperties properties) {
		return List.copyOf(this.compiler.compile("sluice.routes", properties.getRoutes(), properties.getDefaultFilters()));
	}

}
