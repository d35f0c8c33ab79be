package dev.sluice.route.predicate;

import java.net.InetSocketAddress;
import java.util.List;

import dev.sluice.arguments.ShortcutType;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

/**
 * Matches requests whose remote (peer) address lies in one of the given CIDR ranges:
 * {@code RemoteAddr=192.168.1.1/24,10.0.0.1}.
 */
public class RemoteAddrRoutePredicateFactory implements RoutePredicateFactory<RemoteAddrRoutePredicateFactory.Config> {

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(Config config) {
		List<Cidr> sources = config.sources().stream().map((source) -> Cidr.parse("sources", source)).toList();
		return (exchange) -> {
			InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
			if (remote == null || remote.getAddress() == null) {
				return false;
			}
			return sources.stream().anyMatch((cidr) -> cidr.contains(remote.getAddress()));
		};
	}

	/**
	 * Arguments of RemoteAddr.
	 *
	 * @param sources IP addresses or CIDR ranges, such as {@code 192.168.1.1/24}
	 */
	public record Config(List<String> sources) {

	}

}
