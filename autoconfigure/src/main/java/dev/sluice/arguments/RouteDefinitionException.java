package dev.sluice.arguments;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a route definition (or another gateway setting) cannot be turned into a working gateway; names the offending
 * property so that startup fails with a message a user can act on.
 */
public class RouteDefinitionException extends RuntimeException {

	private final String property;

	private final String problem;

	private final List<String> validChoices;

	public RouteDefinitionException(String property, String problem) {
		this(property, problem, List.of(), null);
	}

	public RouteDefinitionException(String property, String problem, List<String> validChoices, @Nullable Throwable cause) {
		super(property + ": " + problem + (validChoices.isEmpty() ? "" : " (valid choices: " + String.join(", ", validChoices) + ")"), cause);
		this.property = property;
		this.problem = problem;
		this.validChoices = List.copyOf(validChoices);
	}

	/**
	 * Returns the configuration property at fault, such as {@code sluice.routes[2].filters[1]}.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	public String getProblem() {
		return this.problem;
	}

	public List<String> getValidChoices() {
		return this.validChoices;
	}

}
