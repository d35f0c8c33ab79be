package dev.sluice.filter;

import org.springframework.core.Ordered;

/**
 * A filter applied to every route. Beans of this type join each route's chain, sorted with the
 * route's own filters by {@link #getOrder()}; route filters take their position (1, 2, ...) as
 * their order unless they implement {@link Ordered} themselves.
 */
public interface GlobalFilter extends GatewayFilter, Ordered {

}
