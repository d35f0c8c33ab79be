package dev.sluice.route;

/**
 * A route filter as written in configuration, for example {@code StripPrefix=1}.
 */
public class FilterDefinition extends NamedArgumentsDefinition {

	public FilterDefinition() {
	}

	public FilterDefinition(String text) {
		super(text);
	}

}
