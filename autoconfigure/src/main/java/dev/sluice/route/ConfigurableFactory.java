package dev.sluice.route;

import java.util.List;

/**
 * What predicate and filter factories share: the name they are used by in configuration and the
 * arguments they accept.
 */
public interface ConfigurableFactory {

	/**
	 * Returns the name used in configuration; by default the class name without its role
	 * suffix, so {@code HeaderRoutePredicateFactory} is {@code Header}.
	 * @return the name
	 */
	default String name() {
		String simple = getClass().getSimpleName();
		for (String suffix : List.of("RoutePredicateFactory", "GatewayFilterFactory")) {
			if (simple.endsWith(suffix) && simple.length() > suffix.length()) {
				return simple.substring(0, simple.length() - suffix.length());
			}
		}
		return simple;
	}

	/**
	 * Returns the argument names, those accepted in the shortcut form first and in their order.
	 * @return the argument names
	 */
	default List<String> argumentNames() {
		return List.of();
	}

	/**
	 * Returns how many of the leading {@link #argumentNames()} the shortcut form fills.
	 * @return the shortcut argument count
	 */
	default int shortcutArgumentCount() {
		return argumentNames().size();
	}

	default ShortcutType shortcutType() {
		return ShortcutType.DEFAULT;
	}

}
