package dev.sluice.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidSluiceConfigurationException} into a startup failure report that names
 * the property, what is wrong, and what to do.
 */
final class SluiceConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSluiceConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSluiceConfigurationException cause) {
		String description = "Invalid gateway configuration:\n\n    Property: " + cause.getProperty() + "\n    Problem:  "
				+ cause.getDescription().replace("\n", "\n              ");
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
