package dev.sluice.sample.extensions;

import java.util.List;
import java.util.Set;

import dev.sluice.route.Arguments;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;
import dev.sluice.route.ShortcutType;

/**
 * A user predicate, used in YAML as {@code Tenant=acme,globex}: matches requests whose
 * {@code X-Tenant} header names one of the tenants.
 */
public class TenantRoutePredicateFactory implements RoutePredicateFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("tenants");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(Arguments arguments) {
		Set<String> tenants = Set.copyOf(arguments.list("tenants"));
		return (exchange) -> {
			String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant");
			return tenant != null && tenants.contains(tenant);
		};
	}

}
