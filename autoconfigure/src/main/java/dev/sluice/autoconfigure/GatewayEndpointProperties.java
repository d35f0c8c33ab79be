package dev.sluice.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code gateway} endpoint's settings beside its {@code access}, named as Spring Boot names
 * them for the {@code env} endpoint.
 */
@ConfigurationProperties("management.endpoint.gateway")
public class GatewayEndpointProperties {

	/**
	 * When to show the values of route metadata whose keys look like secrets (key, secret, token,
	 * password, credential) instead of masking them.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles that may see unmasked values when show-values is when-authorized; any authenticated
	 * user when empty.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
