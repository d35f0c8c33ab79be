package dev.sluice.route.predicate;

import java.util.List;

import dev.sluice.arguments.ShortcutType;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;
import dev.sluice.route.UriVariables;

import org.springframework.http.HttpHeaders;
import org.springframework.util.AntPathMatcher;

/**
 * Matches the {@code Host} header against Ant-style patterns with {@code .} as the separator,
 * such as {@code Host=**.somehost.org,{sub}.myhost.org}; captured variables become
 * {@link GatewayAttributes#URI_TEMPLATE_VARIABLES}. A pattern without a port also matches a
 * header that carries one.
 */
public class HostRoutePredicateFactory implements RoutePredicateFactory<HostRoutePredicateFactory.Config> {

	private final AntPathMatcher matcher = new AntPathMatcher(".");

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public RoutePredicate create(Config config) {
		List<String> patterns = config.patterns();
		return (exchange) -> {
			String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
			if (host == null) {
				return false;
			}
			String withoutPort = stripPort(host);
			for (String pattern : patterns) {
				String candidate = this.matcher.match(pattern, host) ? host
						: (withoutPort != null && this.matcher.match(pattern, withoutPort)) ? withoutPort : null;
				if (candidate != null) {
					UriVariables.put(exchange, this.matcher.extractUriTemplateVariables(pattern, candidate));
					return true;
				}
			}
			return false;
		};
	}

	private static String stripPort(String host) {
		int colon = host.lastIndexOf(':');
		if (colon < 0 || host.endsWith("]")) {
			return null;
		}
		return host.substring(0, colon);
	}

	/**
	 * Arguments of Host.
	 *
	 * @param patterns Ant-style patterns with {@code .} as the separator
	 */
	public record Config(List<String> patterns) {

	}

}
