package dev.sluice.route.predicate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import dev.sluice.arguments.ShortcutType;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

import org.springframework.util.StringUtils;

/**
 * Matches requests whose client address, taken from the last {@code X-Forwarded-For} entry (the
 * one added by the trusted proxy in front of the gateway), lies in one of the given CIDR ranges:
 * {@code XForwardedRemoteAddr=192.168.1.1/24}. Without the header the peer address is used.
 */
public class XForwardedRemoteAddrRoutePredicateFactory
		implements RoutePredicateFactory<RemoteAddrRoutePredicateFactory.Config> {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(RemoteAddrRoutePredicateFactory.Config config) {
		List<Cidr> sources = config.sources().stream().map((source) -> Cidr.parse("sources", source)).toList();
		return (exchange) -> {
			InetAddress address = clientAddress(exchange.getRequest().getHeaders().getValuesAsList(X_FORWARDED_FOR));
			if (address == null && exchange.getRequest().getRemoteAddress() != null) {
				address = exchange.getRequest().getRemoteAddress().getAddress();
			}
			InetAddress candidate = address;
			return candidate != null && sources.stream().anyMatch((cidr) -> cidr.contains(candidate));
		};
	}

	private static InetAddress clientAddress(List<String> headerValues) {
		if (headerValues.isEmpty()) {
			return null;
		}
		String[] entries = StringUtils.commaDelimitedListToStringArray(headerValues.get(headerValues.size() - 1));
		if (entries.length == 0) {
			return null;
		}
		String last = entries[entries.length - 1].trim();
		if (last.isEmpty() || !(last.indexOf(':') >= 0 || last.chars().allMatch((c) -> c == '.' || Character.isDigit(c)))) {
			return null;
		}
		try {
			return InetAddress.getByName(last);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
