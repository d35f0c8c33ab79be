package dev.sluice.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.unit.DataSize;
import org.springframework.util.StringUtils;

/**
 * Arguments of one predicate or filter, resolved by name from either configuration form, with
 * accessors that fail with a {@link RouteDefinitionException} naming the property at fault.
 */
public final class Arguments {

	// Lists in the expanded form: "patterns[0]" as bound from YAML, "patterns.0" as SCG documents.
	private static final Pattern INDEXED_KEY = Pattern.compile("(.+?)(?:\\[(\\d+)]|\\.(\\d+))");

	private final String property;

	private final Map<String, List<String>> values;

	private final Map<String, String> declaredNames;

	private Arguments(String property, Map<String, List<String>> values, Map<String, String> declaredNames) {
		this.property = property;
		this.values = values;
		this.declaredNames = declaredNames;
	}

	/**
	 * Resolves the arguments of a definition for a factory.
	 * @param property the property that holds the definition, for error messages
	 * @param raw the arguments as bound from configuration
	 * @param names the argument names the factory accepts, shortcut order first
	 * @param shortcutType how positional values map onto names
	 * @param shortcutCount how many leading names accept positional values
	 * @return the resolved arguments
	 */
	public static Arguments resolve(String property, Map<String, String> raw, List<String> names,
			ShortcutType shortcutType, int shortcutCount) {
		Map<String, String> declared = new LinkedHashMap<>();
		names.forEach((name) -> declared.put(canonical(name), name));
		Map<String, List<String>> values = new LinkedHashMap<>();
		List<String> positional = new ArrayList<>();
		raw.forEach((key, value) -> {
			if (key.startsWith(NamedArgumentsDefinition.POSITIONAL_KEY_PREFIX)) {
				positional.add(value);
				return;
			}
			Matcher indexed = INDEXED_KEY.matcher(key);
			String name = indexed.matches() ? indexed.group(1) : key;
			String known = declared.get(canonical(name));
			if (known == null) {
				throw new RouteDefinitionException(property + ".args." + key, "unknown argument '" + key + "'",
						names, null);
			}
			values.computeIfAbsent(known, (k) -> new ArrayList<>()).add(value);
		});
		if (!positional.isEmpty()) {
			assignPositional(property, positional, names.subList(0, Math.min(shortcutCount, names.size())),
					shortcutType, values);
		}
		return new Arguments(property, values, declared);
	}

	private static void assignPositional(String property, List<String> positional, List<String> fields,
			ShortcutType type, Map<String, List<String>> values) {
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
					throw new RouteDefinitionException(property, "expected at most " + fields.size()
							+ " argument(s) " + fields + " but got " + positional.size() + " " + positional);
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
	 * Returns the property that holds these arguments.
	 * @return the property name
	 */
	public String property() {
		return this.property;
	}

	public boolean has(String name) {
		return this.values.containsKey(name);
	}

	public String required(String name) {
		String value = optional(name, null);
		if (!StringUtils.hasText(value)) {
			throw invalid(name, "missing required argument '" + name + "'");
		}
		return value;
	}

	public String optional(String name, String defaultValue) {
		List<String> list = this.values.get(name);
		if (list == null || list.isEmpty()) {
			return defaultValue;
		}
		// An empty shortcut position ("AS_IN_REQUEST, Location, ,") means "not given".
		String value = String.join(",", list);
		return StringUtils.hasText(value) ? value : defaultValue;
	}

	/**
	 * Returns a list argument; comma-separated values in the expanded form are split.
	 * @param name the argument name
	 * @return the values, never empty
	 */
	public List<String> list(String name) {
		List<String> list = optionalList(name);
		if (list.isEmpty()) {
			throw invalid(name, "missing required argument '" + name + "'");
		}
		return list;
	}

	public List<String> optionalList(String name) {
		List<String> result = new ArrayList<>();
		for (String value : this.values.getOrDefault(name, Collections.emptyList())) {
			for (String part : StringUtils.tokenizeToStringArray(value, ",")) {
				result.add(part);
			}
		}
		return result;
	}

	public int integer(String name, Integer defaultValue) {
		String value = (defaultValue != null) ? optional(name, null) : required(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw invalid(name, "'" + value + "' is not a whole number");
		}
	}

	public boolean bool(String name, boolean defaultValue) {
		String value = optional(name, null);
		if (value == null) {
			return defaultValue;
		}
		if (!"true".equalsIgnoreCase(value.trim()) && !"false".equalsIgnoreCase(value.trim())) {
			throw invalid(name, "'" + value + "' is not true or false");
		}
		return Boolean.parseBoolean(value.trim());
	}

	/**
	 * Returns a duration argument; a bare number is read as milliseconds.
	 * @param name the argument name
	 * @param defaultValue the value when absent, or {@code null} if required
	 * @return the duration
	 */
	public Duration duration(String name, Duration defaultValue) {
		String value = (defaultValue != null) ? optional(name, null) : required(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return DurationStyle.detectAndParse(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw invalid(name, "'" + value + "' is not a duration (use 500ms, 5s, or milliseconds)");
		}
	}

	/**
	 * Returns a regular expression argument, or {@code null} when it is absent or blank.
	 * @param name the argument name
	 * @return the pattern, or {@code null}
	 */
	public Pattern optionalRegex(String name) {
		return StringUtils.hasText(optional(name, null)) ? regex(name) : null;
	}

	public Pattern regex(String name) {
		String value = required(name);
		try {
			return Pattern.compile(value);
		}
		catch (PatternSyntaxException ex) {
			throw invalid(name, "'" + value + "' is not a valid regular expression: " + ex.getDescription());
		}
	}

	/**
	 * Returns an exception that names this definition and the argument at fault.
	 * @param name the argument name
	 * @param problem what is wrong
	 * @return the exception to throw
	 */
	public RouteDefinitionException invalid(String name, String problem) {
		return new RouteDefinitionException(this.property, problem + " (arguments: "
				+ String.join(", ", this.declaredNames.values()) + ")");
	}

	/**
	 * Returns an exception that names this definition, what is wrong and the values allowed.
	 * @param name the argument name
	 * @param problem what is wrong
	 * @param validChoices the values the argument accepts
	 * @return the exception to throw
	 */
	public RouteDefinitionException invalid(String name, String problem, List<String> validChoices) {
		return new RouteDefinitionException(this.property, "argument '" + name + "': " + problem, validChoices, null);
	}

	/**
	 * Returns an enum argument, matched without regard to case, dashes or underscores.
	 * @param name the argument name
	 * @param type the enum type
	 * @param defaultValue the value when absent, or {@code null} if required
	 * @param <E> the enum type
	 * @return the constant
	 */
	public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
		String value = (defaultValue != null) ? optional(name, null) : required(name);
		if (value == null) {
			return defaultValue;
		}
		return enumConstant(name, type, value);
	}

	/**
	 * Converts one value to an enum constant of a type, failing with the constants as choices.
	 * @param name the argument name, for the message
	 * @param type the enum type
	 * @param value the value
	 * @param <E> the enum type
	 * @return the constant
	 */
	public <E extends Enum<E>> E enumConstant(String name, Class<E> type, String value) {
		for (E constant : type.getEnumConstants()) {
			if (canonical(constant.name()).equals(canonical(value.trim()))) {
				return constant;
			}
		}
		throw invalid(name, "'" + value + "' is not one of the allowed values",
				Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
	}

	/**
	 * Returns a data size argument; a bare number is read as bytes.
	 * @param name the argument name
	 * @param defaultValue the value when absent, or {@code null} if required
	 * @return the size
	 */
	public DataSize dataSize(String name, DataSize defaultValue) {
		String value = (defaultValue != null) ? optional(name, null) : required(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return DataSize.parse(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw invalid(name, "'" + value + "' is not a data size (use 5000, 512KB or 5MB)");
		}
	}

	/**
	 * Returns an HTTP status argument, given as a number ({@code 404}) or a name
	 * ({@code NOT_FOUND}).
	 * @param name the argument name
	 * @return the status
	 */
	public HttpStatusCode status(String name) {
		return status(name, required(name));
	}

	/**
	 * Converts one value to an HTTP status, given as a number or an {@link HttpStatus} name.
	 * @param name the argument name, for the message
	 * @param value the value
	 * @return the status
	 */
	public HttpStatusCode status(String name, String value) {
		String trimmed = value.trim();
		if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
			int code = Integer.parseInt(trimmed);
			if (code >= 100 && code <= 999) {
				return HttpStatusCode.valueOf(code);
			}
			throw invalid(name, "'" + value + "' is not an HTTP status between 100 and 999");
		}
		for (HttpStatus status : HttpStatus.values()) {
			if (status.name().equalsIgnoreCase(trimmed)) {
				return status;
			}
		}
		throw invalid(name, "'" + value + "' is not an HTTP status code or name (such as 404 or NOT_FOUND)");
	}

}
