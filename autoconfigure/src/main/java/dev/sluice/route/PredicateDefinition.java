package dev.sluice.route;

/**
 * A route predicate as written in configuration, for example {@code Path=/api/**}.
 */
public class PredicateDefinition extends NamedArgumentsDefinition {

	public PredicateDefinition() {
	}

	public PredicateDefinition(String text) {
		super(text);
	}

}
