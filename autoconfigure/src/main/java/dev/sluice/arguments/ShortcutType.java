package dev.sluice.arguments;

/**
 * How a factory maps the positional values of the shortcut form onto its argument names,
 * following Spring Cloud Gateway's rules.
 */
public enum ShortcutType {

	/** Each value goes to the argument at the same position. */
	DEFAULT,

	/** Every value goes into one list, the first argument. */
	GATHER_LIST,

	/**
	 * Every value goes into the first argument's list, except a trailing {@code true} or
	 * {@code false}, which goes to the second argument.
	 */
	GATHER_LIST_TAIL_FLAG

}
