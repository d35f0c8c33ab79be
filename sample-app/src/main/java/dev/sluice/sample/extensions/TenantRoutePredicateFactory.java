package dev.sluice.sample.extensions;

import java.util.List;
import java.util.Set;

import dev.sluice.arguments.ShortcutType;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * A user predicate, used in YAML as {@code Tenant=acme,globex}: matches requests whose
 * {@code X-Tenant} header names one of the tenants.
 */
public class TenantRoutePredicateFactory implements RoutePredicateFactory<TenantRoutePredicateFactory.Config> {

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(Config config) {
		Set<String> tenants = Set.copyOf(config.tenants());
		return (exchange) -> {
			String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant");
			return tenant != null && tenants.contains(tenant);
		};
	}

	/**
	 * The arguments of Tenant: every value of the shortcut form goes into one list.
	 *
	 * @param tenants the tenants that take the route
	 */
	public record Config(List<String> tenants) {

	}

}
