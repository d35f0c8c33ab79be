package dev.sluice.arguments;

import java.util.List;

import org.springframework.core.ResolvableType;

/**
 * What predicate and filter factories share: the name they are used by in configuration and the
 * type their arguments are bound to.
 * <p>
 * The arguments are the components of the configuration type, a record (or a class whose one
 * constructor takes them), in shortcut order: {@code record Config(String name, String value)}
 * accepts {@code Name=X-Foo,bar} as well as {@code args: {name: X-Foo, value: bar}}. A component
 * is required unless it is {@code @Nullable} or has a
 * {@link org.springframework.boot.context.properties.bind.DefaultValue @DefaultValue}; a component
 * whose type is itself a record groups arguments under a dotted prefix, such as
 * {@code backoff.firstBackoff}. Values are converted by Spring Boot's conversion service, so
 * durations, data sizes and enums read as they do in any Boot property.
 *
 * @param <C> the configuration type
 */
public interface ConfigurableFactory<C> {

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
	 * Returns the type the arguments are bound to; by default the type argument given to this
	 * interface by the implementing class.
	 * @return the configuration type
	 */
	@SuppressWarnings("unchecked")
	default Class<C> configType() {
		Class<?> type = ResolvableType.forClass(getClass()).as(ConfigurableFactory.class).resolveGeneric(0);
		if (type == null) {
			throw new IllegalStateException(getClass().getName() + " must name its configuration type, "
					+ "as the type argument of the factory interface or by overriding configType()");
		}
		return (Class<C>) type;
	}

	/**
	 * Returns how the positional values of the shortcut form map onto the arguments.
	 * @return the shortcut type
	 */
	default ShortcutType shortcutType() {
		return ShortcutType.DEFAULT;
	}

	/**
	 * Returns how many of the leading arguments the shortcut form fills; by default all of them.
	 * @return the shortcut argument count
	 */
	default int shortcutArgumentCount() {
		return Integer.MAX_VALUE;
	}

}
