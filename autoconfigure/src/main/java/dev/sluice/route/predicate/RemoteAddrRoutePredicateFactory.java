package dev.sluice.route.predicate;

import java.net.InetSocketAddress;
import java.util.List;

import dev.sluice.route.Arguments;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;
import dev.sluice.route.ShortcutType;

/**
 * Matches requests whose remote (peer) address lies in one of the given CIDR ranges:
 * {@code RemoteAddr=192.168.1.1/24,10.0.0.1}.
 */
public class RemoteAddrRoutePredicateFactory implements RoutePredicateFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("sources");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(Arguments arguments) {
		List<Cidr> sources = arguments.list("sources").stream().map((s) -> Cidr.parse(arguments, "sources", s)).toList();
		return (exchange) -> {
			InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
			if (remote == null || remote.getAddress() == null) {
				return false;
			}
			return sources.stream().anyMatch((cidr) -> cidr.contains(remote.getAddress()));
		};
	}

}
