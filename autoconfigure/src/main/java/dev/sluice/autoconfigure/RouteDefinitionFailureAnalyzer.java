package dev.sluice.autoconfigure;

import dev.sluice.arguments.RouteDefinitionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link RouteDefinitionException} into a startup failure report that names the property,
 * what is wrong with it, and the valid choices.
 */
final class RouteDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<RouteDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RouteDefinitionException cause) {
		boolean route = cause.getProperty().startsWith("sluice.routes")
				|| cause.getProperty().startsWith("sluice.default-filters");
		String description = "Invalid gateway " + (route ? "route " : "") + "configuration:\n\n    Property: " + cause.getProperty()
				+ "\n    Problem:  " + cause.getProblem();
		String action = cause.getValidChoices().isEmpty() ? "Correct " + cause.getProperty() + "."
				: "Correct " + cause.getProperty() + ". Valid choices: " + String.join(", ", cause.getValidChoices());
		return new FailureAnalysis(description, action, cause);
	}

}
