package dev.sluice.route.predicate;

import java.util.List;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.arguments.ShortcutType;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;
import dev.sluice.route.UriVariables;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Matches the request path against one or more Spring {@link PathPattern}s, such as
 * {@code /api/**} or {@code /users/{id}}; captured variables become
 * {@link GatewayAttributes#URI_TEMPLATE_VARIABLES}, and the pattern that matched
 * {@link HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}, as for a controller.
 */
public class PathRoutePredicateFactory implements RoutePredicateFactory<PathRoutePredicateFactory.Config> {

	private final PathPatternParser parser = new PathPatternParser();

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST_TAIL_FLAG;
	}

	@Override
	public RoutePredicate create(Config config) {
		List<PathPattern> patterns = config.patterns().stream().map(this::parse).toList();
		return new PathPredicate(patterns, config.matchTrailingSlash());
	}

	private PathPattern parse(String pattern) {
		try {
			return this.parser.parse(pattern);
		}
		catch (PatternParseException ex) {
			throw new InvalidArgumentException("patterns",
					"'" + pattern + "' is not a valid path pattern: " + ex.getMessage());
		}
	}

	/**
	 * Arguments of Path.
	 *
	 * @param patterns Spring path patterns, such as {@code /api/**} or {@code /users/{id}}
	 * @param matchTrailingSlash whether {@code /a/} also matches a pattern for {@code /a}
	 */
	public record Config(List<String> patterns, @DefaultValue("true") boolean matchTrailingSlash) {

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
					UriVariables.put(exchange, info.getUriVariables());
					// As Spring's handler mappings do; the route's mapping reports it to observations.
					exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
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

	}

}
