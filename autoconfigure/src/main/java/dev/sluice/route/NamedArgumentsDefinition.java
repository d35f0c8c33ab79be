package dev.sluice.route;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.sluice.arguments.ArgumentBinder;

import org.springframework.util.StringUtils;

/**
 * A predicate or filter as written in configuration: a factory name and its arguments, in either
 * Spring Cloud Gateway's shortcut form ({@code Path=/a/**,/b/**}) or its expanded form
 * ({@code name:} plus {@code args:}).
 */
public abstract class NamedArgumentsDefinition {

	/** Key prefix of positional arguments parsed from the shortcut form. */
	public static final String POSITIONAL_KEY_PREFIX = ArgumentBinder.POSITIONAL_KEY_PREFIX;

	/**
	 * Name of the factory, such as "Path" or "StripPrefix".
	 */
	private String name;

	/**
	 * Arguments by name (expanded form) or by position (shortcut form).
	 */
	private Map<String, String> args = new LinkedHashMap<>();

	protected NamedArgumentsDefinition() {
	}

	/**
	 * Parses the shortcut form {@code Name=arg1,arg2}.
	 * @param text the shortcut text
	 */
	protected NamedArgumentsDefinition(String text) {
		int eq = text.indexOf('=');
		if (eq < 0) {
			this.name = text.trim();
			return;
		}
		this.name = text.substring(0, eq).trim();
		String[] values = StringUtils.tokenizeToStringArray(text.substring(eq + 1), ",", true, false);
		for (int i = 0; i < values.length; i++) {
			this.args.put(POSITIONAL_KEY_PREFIX + i, values[i]);
		}
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Map<String, String> getArgs() {
		return this.args;
	}

	public void setArgs(Map<String, String> args) {
		this.args = args;
	}

	/**
	 * Returns the definition as it reads in configuration: the shortcut form when every argument
	 * is positional ({@code Path=/a/**,/b/**}), otherwise the name and the named arguments.
	 */
	@Override
	public String toString() {
		if (this.args.isEmpty()) {
			return this.name;
		}
		if (this.args.keySet().stream().allMatch((key) -> key.startsWith(POSITIONAL_KEY_PREFIX))) {
			return this.name + "=" + String.join(",", this.args.values());
		}
		return this.name + "=" + this.args;
	}

}
