package dev.sluice.autoconfigure;

/**
 * Thrown at startup when the gateway's configuration holds a mistake that would otherwise pass
 * silently: routes under Spring Cloud Gateway's prefix, an unknown {@code sluice.*} property, a
 * route that a single-property override left incomplete. Names the property and what to do.
 */
public class InvalidSluiceConfigurationException extends RuntimeException {

	private final String property;

	private final String description;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the property at fault
	 * @param description what is wrong, in full
	 * @param action what to do about it
	 */
	public InvalidSluiceConfigurationException(String property, String description, String action) {
		super(property + ": " + description);
		this.property = property;
		this.description = description;
		this.action = action;
	}

	public String getProperty() {
		return this.property;
	}

	public String getDescription() {
		return this.description;
	}

	public String getAction() {
		return this.action;
	}

}
