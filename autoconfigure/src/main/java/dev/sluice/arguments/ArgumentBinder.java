package dev.sluice.arguments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.StringUtils;

/**
 * Binds the arguments of one predicate or filter definition, in Spring Cloud Gateway's shortcut
 * form ({@code Path=/a/**,/b/**}) or its expanded form ({@code args:}), to the configuration type
 * of its {@link ConfigurableFactory}, and turns every fault into a
 * {@link RouteDefinitionException} that names the property of the definition.
 */
public final class ArgumentBinder {

	/** Key prefix of positional arguments parsed from the shortcut form. */
	public static final String POSITIONAL_KEY_PREFIX = "_genkey_";

	// Lists in the expanded form: "patterns[0]" as bound from YAML, "patterns.0" as SCG documents.
	private static final Pattern INDEXED_KEY = Pattern.compile("(.+?)(?:\\[(\\d+)]|\\.(\\d+))");

	private static final String ROOT = "args";

	private ArgumentBinder() {
	}

	/**
	 * Binds the arguments of a definition to a factory's configuration type and creates what the
	 * factory makes of it; an {@link InvalidArgumentException} from the factory names the property.
	 * @param property the property that holds the definition, such as
	 * {@code sluice.routes[0].filters[1]}
	 * @param args the arguments as bound from configuration, by name or by position
	 * @param factory the factory
	 * @param creator what the factory makes of its configuration
	 * @param <C> the configuration type
	 * @param <T> what the factory creates
	 * @return what the creator returned
	 */
	public static <C, T> T create(String property, Map<String, String> args, ConfigurableFactory<C> factory,
			Function<? super C, ? extends T> creator) {
		C config = bind(property, args, factory);
		try {
			return creator.apply(config);
		}
		catch (InvalidArgumentException ex) {
			throw invalid(property, Argument.of(factory.configType()), ex);
		}
	}

	/**
	 * Binds the arguments of a definition to a factory's configuration type.
	 * @param property the property that holds the definition
	 * @param args the arguments as bound from configuration, by name or by position
	 * @param factory the factory
	 * @param <C> the configuration type
	 * @return the configuration
	 */
	public static <C> C bind(String property, Map<String, String> args, ConfigurableFactory<C> factory) {
		Class<C> type = factory.configType();
		List<Argument> arguments = Argument.of(type);
		Map<Argument, String> values = resolve(property, args, arguments, factory.shortcutType(),
				factory.shortcutArgumentCount());
		for (Argument argument : arguments) {
			if (argument.required() && !values.containsKey(argument)) {
				throw invalid(property, arguments, new InvalidArgumentException(argument.name(),
						"missing required argument '" + argument.name() + "'"));
			}
		}
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		values.forEach((argument, value) -> source.put(ROOT + "." + argument.key(), value));
		// No placeholder resolution: the values were resolved once already, and RewritePath's
		// "$\{segment}" must reach the factory as written.
		Binder binder = new Binder(List.of(source), null, ArgumentConversions.service);
		try {
			return binder.bindOrCreate(ROOT, Bindable.of(type));
		}
		catch (BindException ex) {
			throw invalid(property, arguments, problem(arguments, ex));
		}
	}

	/**
	 * Converts one configured value with the conversions arguments use, such as a duration given
	 * as {@code 5s} or as milliseconds.
	 * @param property the property that holds the value, for the message
	 * @param value the value
	 * @param type the type to convert to
	 * @param <T> the type
	 * @return the converted value
	 */
	public static <T> T convert(String property, Object value, Class<T> type) {
		Object source = (value instanceof String text) ? text.trim() : value;
		ConversionException failure = null;
		try {
			T converted = ArgumentConversions.service.convert(source, type);
			if (converted != null) {
				return converted;
			}
		}
		catch (ConversionException ex) {
			failure = ex;
		}
		InvalidArgumentException problem = ArgumentConversions.problem(property, type, String.valueOf(value), failure);
		throw new RouteDefinitionException(property, problem.getProblem(), problem.getValidChoices(), failure);
	}

	private static Map<Argument, String> resolve(String property, Map<String, String> raw, List<Argument> arguments,
			ShortcutType shortcutType, int shortcutCount) {
		Map<String, Argument> declared = new HashMap<>();
		arguments.forEach((argument) -> declared.put(canonical(argument.name()), argument));
		Map<Argument, List<String>> values = new LinkedHashMap<>();
		List<String> positional = new ArrayList<>();
		raw.forEach((key, value) -> {
			if (key.startsWith(POSITIONAL_KEY_PREFIX)) {
				positional.add(value);
				return;
			}
			Matcher indexed = INDEXED_KEY.matcher(key);
			Argument argument = declared.get(canonical(indexed.matches() ? indexed.group(1) : key));
			if (argument == null) {
				throw new RouteDefinitionException(property + ".args." + key, "unknown argument '" + key + "'",
						Argument.names(arguments), null);
			}
			values.computeIfAbsent(argument, (k) -> new ArrayList<>()).add(value);
		});
		if (!positional.isEmpty()) {
			assignPositional(property, positional, arguments.subList(0, Math.min(shortcutCount, arguments.size())),
					shortcutType, values);
		}
		Map<Argument, String> joined = new LinkedHashMap<>();
		values.forEach((argument, list) -> {
			// An empty shortcut position ("AS_IN_REQUEST, Location, ,") means "not given".
			String value = String.join(",", list);
			if (StringUtils.hasText(value)) {
				joined.put(argument, (argument.type() == String.class) ? value : value.trim());
			}
		});
		return joined;
	}

	private static void assignPositional(String property, List<String> positional, List<Argument> fields,
			ShortcutType type, Map<Argument, List<String>> values) {
		switch (type) {
			case GATHER_LIST -> values.put(fields.get(0), new ArrayList<>(positional));
			case GATHER_LIST_TAIL_FLAG -> {
				String last = positional.get(positional.size() - 1);
				boolean flag = positional.size() > 1 && ("true".equalsIgnoreCase(last) || "false".equalsIgnoreCase(last));
				values.put(fields.get(0), new ArrayList<>(flag ? positional.subList(0, positional.size() - 1) : positional));
				if (flag) {
					values.put(fields.get(1), List.of(last));
				}
			}
			default -> {
				if (positional.size() > fields.size()) {
					throw new RouteDefinitionException(property, "expected at most " + fields.size() + " argument(s) "
							+ Argument.names(fields) + " but got " + positional.size() + " " + positional);
				}
				for (int i = 0; i < positional.size(); i++) {
					values.put(fields.get(i), List.of(positional.get(i)));
				}
			}
		}
	}

	private static String canonical(String name) {
		return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * Finds what went wrong in a binding: a problem the configuration type's constructor
	 * reported, or a value that did not convert, down to the element of a list.
	 */
	private static InvalidArgumentException problem(List<Argument> arguments, BindException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidArgumentException invalid) {
				return invalid;
			}
		}
		String name = ex.getName().toString();
		String key = (name.startsWith(ROOT + ".") ? name.substring(ROOT.length() + 1) : name).replaceAll("\\[\\d+]$", "");
		String argument = arguments.stream().filter((candidate) -> candidate.key().equals(key)).findFirst()
			.map(Argument::name)
			.orElse(key);
		ConfigurationProperty bound = ex.getProperty();
		String value = (bound != null) ? String.valueOf(bound.getValue()) : "";
		ResolvableType target = ex.getTarget().getType();
		Class<?> type = target.resolve(Object.class);
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			Class<?> element = (type.isArray() ? target.getComponentType() : target.asCollection().getGeneric(0))
				.resolve(Object.class);
			for (String part : StringUtils.commaDelimitedListToStringArray(value)) {
				try {
					ArgumentConversions.service.convert(part.trim(), element);
				}
				catch (ConversionFailedException failure) {
					return ArgumentConversions.problem(argument, element, part.trim(), failure);
				}
			}
		}
		return ArgumentConversions.problem(argument, type, value, ex);
	}

	private static RouteDefinitionException invalid(String property, List<Argument> arguments,
			InvalidArgumentException ex) {
		if (ex.getValidChoices().isEmpty()) {
			return new RouteDefinitionException(property,
					ex.getProblem() + " (arguments: " + String.join(", ", Argument.names(arguments)) + ")", List.of(), ex);
		}
		return new RouteDefinitionException(property, "argument '" + ex.getArgument() + "': " + ex.getProblem(),
				ex.getValidChoices(), ex);
	}

}
