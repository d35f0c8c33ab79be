package dev.sluice.route.predicate;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.arguments.ShortcutType;
import dev.sluice.http.IpLiterals;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * Matches requests whose client address lies in one of the given CIDR ranges:
 * {@code XForwardedRemoteAddr=192.168.1.1/24}. The client address is the {@code X-Forwarded-For}
 * entry {@code maxTrustedIndex} places from the right (1, the default, is the entry the trusted proxy
 * in front of the gateway appended), or the leftmost when the list is shorter. Forwarded headers of
 * an untrusted peer are removed before predicates run, so without a trusted proxy the peer address
 * is used, as when the header is absent.
 */
public class XForwardedRemoteAddrRoutePredicateFactory
		implements RoutePredicateFactory<XForwardedRemoteAddrRoutePredicateFactory.Config> {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(Config config) {
		if (config.maxTrustedIndex() < 1) {
			throw new InvalidArgumentException("maxTrustedIndex", "must be 1 or more, not " + config.maxTrustedIndex());
		}
		List<Cidr> sources = config.sources().stream().map((source) -> Cidr.parse("sources", source)).toList();
		return (exchange) -> {
			InetAddress address = clientAddress(exchange.getRequest(), config.maxTrustedIndex());
			return address != null && sources.stream().anyMatch((cidr) -> cidr.contains(address));
		};
	}

	private static @Nullable InetAddress clientAddress(ServerHttpRequest request, int maxTrustedIndex) {
		List<String> entries = new ArrayList<>();
		for (String value : request.getHeaders().getValuesAsList(X_FORWARDED_FOR)) {
			for (String entry : StringUtils.commaDelimitedListToStringArray(value)) {
				if (!entry.isBlank()) {
					entries.add(entry.trim());
				}
			}
		}
		if (entries.isEmpty()) {
			InetSocketAddress peer = request.getRemoteAddress();
			return (peer != null) ? peer.getAddress() : null;
		}
		// Only IP literals: a name here would be looked up on the request path, on an event loop.
		return IpLiterals.parse(entries.get(Math.max(0, entries.size() - maxTrustedIndex)));
	}

	/**
	 * Arguments of XForwardedRemoteAddr.
	 *
	 * @param sources IP addresses or CIDR ranges, such as {@code 192.168.1.1/24}
	 * @param maxTrustedIndex how many {@code X-Forwarded-For} entries, counted from the right, were
	 * appended by trusted proxies; the client address is the last of them
	 */
	public record Config(List<String> sources, @DefaultValue("1") int maxTrustedIndex) {

	}

}
