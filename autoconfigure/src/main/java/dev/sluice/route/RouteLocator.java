package dev.sluice.route;

import java.util.List;

/**
 * A source of routes. Every bean of this type contributes to the gateway's route table.
 */
@FunctionalInterface
public interface RouteLocator {

	List<Route> getRoutes();

}
