package dev.sluice.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sluice.route.Route;
import dev.sluice.route.RouteTable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs the routes in force once at startup: one INFO line with their number and ids, a WARN when
 * there are none (every path would answer 404), and a WARN for each route without a predicate
 * (it matches every path, and the routes after it are never tried).
 */
final class RoutesReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(RoutesReport.class);

	private final RouteTable routeTable;

	RoutesReport(RouteTable routeTable) {
		this.routeTable = routeTable;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Route> routes = this.routeTable.routes();
		if (routes.isEmpty()) {
			logger.warn("Sluice gateway has no routes: every request the application does not handle itself answers "
					+ "404. Define them under sluice.routes (docs/migrating-from-scg.md for routes written for "
					+ "Spring Cloud Gateway).");
			return;
		}
		logger.info("Sluice gateway has " + routes.size() + " route(s): "
				+ routes.stream().map(Route::id).collect(Collectors.joining(", ")));
		for (Route route : routes) {
			Route.Description description = route.description();
			if (description != null && description.predicates().isEmpty()) {
				logger.warn("Route '" + route.id() + "' has no predicate: it matches every path, and the routes after "
						+ "it are never tried");
			}
		}
	}

}
