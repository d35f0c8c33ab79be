package dev.sluice.arguments;

import java.util.List;

/**
 * Thrown by a factory, or by its configuration type's constructor, when an argument has a value it
 * cannot use; Sluice turns it into a {@link RouteDefinitionException} that names the property of
 * the definition.
 */
public class InvalidArgumentException extends RuntimeException {

	private final String argument;

	private final String problem;

	private final List<String> validChoices;

	/**
	 * Creates the exception.
	 * @param argument the argument at fault, such as {@code prefix}
	 * @param problem what is wrong with it
	 */
	public InvalidArgumentException(String argument, String problem) {
		this(argument, problem, List.of());
	}

	/**
	 * Creates the exception for an argument that accepts a known set of values.
	 * @param argument the argument at fault
	 * @param problem what is wrong with it
	 * @param validChoices the values it accepts
	 */
	public InvalidArgumentException(String argument, String problem, List<String> validChoices) {
		super("argument '" + argument + "': " + problem);
		this.argument = argument;
		this.problem = problem;
		this.validChoices = List.copyOf(validChoices);
	}

	public String getArgument() {
		return this.argument;
	}

	public String getProblem() {
		return this.problem;
	}

	public List<String> getValidChoices() {
		return this.validChoices;
	}

}
