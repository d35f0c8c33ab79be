package dev.sluice.route.predicate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.route.Arguments;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.RouteDefinitionException;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;
import dev.sluice.route.ShortcutType;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Matches the request path against one or more Spring {@link PathPattern}s, such as
 * {@code /api/**} or {@code /users/{id}}; captured variables become
 * {@link GatewayAttributes#URI_TEMPLATE_VARIABLES}.
 */
public class PathRoutePredicateFactory implements RoutePredicateFactory {

	private final PathPatternParser parser = new PathPatternParser();

	@Override
	public List<String> argumentNames() {
		return List.of("patterns", "matchTrailingSlash");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST_TAIL_FLAG;
	}

	@Override
	public RoutePredicate create(Arguments arguments) {
		List<PathPattern> patterns = arguments.list("patterns").stream().map((p) -> parse(arguments, p)).toList();
		boolean matchTrailingSlash = arguments.bool("matchTrailingSlash", true);
		return new PathPredicate(patterns, matchTrailingSlash);
	}

	private PathPattern parse(Arguments arguments, String pattern) {
		try {
			return this.parser.parse(pattern);
		}
		catch (PatternParseException ex) {
			throw new RouteDefinitionException(arguments.property(),
					"'" + pattern + "' is not a valid path pattern: " + ex.getMessage());
		}
	}

	private record PathPredicate(List<PathPattern> patterns, boolean matchTrailingSlash) implements RoutePredicate {

		@Override
		public boolean test(ServerWebExchange exchange) {
			PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
			PathContainer trimmed = trimTrailingSlash(path);
			for (PathPattern pattern : this.patterns) {
				PathPattern.PathMatchInfo info = pattern.matchAndExtract(path);
				if (info == null && trimmed != null) {
					info = pattern.matchAndExtract(trimmed);
				}
				if (info != null) {
					putVariables(exchange, info.getUriVariables());
					return true;
				}
			}
			return false;
		}

		private PathContainer trimTrailingSlash(PathContainer path) {
			String value = path.value();
			if (!this.matchTrailingSlash || value.length() < 2 || !value.endsWith("/")) {
				return null;
			}
			return PathContainer.parsePath(value.substring(0, value.length() - 1));
		}

		private static void putVariables(ServerWebExchange exchange, Map<String, String> variables) {
			if (variables.isEmpty()) {
				return;
			}
			Map<String, String> all = exchange.getAttribute(GatewayAttributes.URI_TEMPLATE_VARIABLES);
			Map<String, String> merged = (all != null) ? new HashMap<>(all) : new HashMap<>();
			merged.putAll(variables);
			exchange.getAttributes().put(GatewayAttributes.URI_TEMPLATE_VARIABLES, merged);
		}

	}

}
