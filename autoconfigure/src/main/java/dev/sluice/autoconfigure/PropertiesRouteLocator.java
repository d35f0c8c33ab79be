package dev.sluice.autoconfigure;

import java.util.List;

import dev.sluice.route.RefreshRoutesEvent;
import dev.sluice.route.Route;
import dev.sluice.route.RouteCompiler;
import dev.sluice.route.RouteLocator;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The routes of {@code sluice.routes} and {@code sluice.default-filters}, compiled once and again
 * from the environment on each {@link RefreshRoutesEvent}; a reload that fails leaves the routes in
 * force untouched and throws to the event's publisher.
 */
public final class PropertiesRouteLocator implements RouteLocator, ApplicationListener<RefreshRoutesEvent> {

	private final RouteCompiler compiler;

	private final Environment environment;

	private volatile List<Route> routes;

	public PropertiesRouteLocator(RouteCompiler compiler, SluiceProperties properties, Environment environment) {
		this.compiler = compiler;
		this.environment = environment;
		this.routes = compile(properties);
	}

	@Override
	public List<Route> getRoutes() {
		return this.routes;
	}

	/**
	 * Binds {@code sluice.*} from the environment again and compiles the routes it describes.
	 * @param event the refresh request
	 */
	@Override
	public void onApplicationEvent(RefreshRoutesEvent event) {
		SluiceProperties properties = Binder.get(this.environment)
			.bind("sluice", SluiceProperties.class)
			.orElseGet(SluiceProperties::new);
		this.routes = compile(properties);
	}

	private List<Route> compile(SluiceProperties properties) {
		return List.copyOf(this.compiler.compile("sluice.routes", properties.getRoutes(), properties.getDefaultFilters()));
	}

}
