package dev.sluice.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.route.FilterDefinition;
import dev.sluice.route.RouteDefinition;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Sluice gateway: its routes and the filters every route gets.
 */
@ConfigurationProperties("sluice")
public class SluiceProperties {

	/**
	 * Whether the gateway is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Routes, tried in order of their "order" and then of declaration; the first match wins.
	 */
	private List<RouteDefinition> routes = new ArrayList<>();

	/**
	 * Filters applied to every route, after the route's own filters.
	 */
	private List<FilterDefinition> defaultFilters = new ArrayList<>();

	private final Compatibility compatibility = new Compatibility();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<RouteDefinition> getRoutes() {
		return this.routes;
	}

	public void setRoutes(List<RouteDefinition> routes) {
		this.routes = routes;
	}

	public List<FilterDefinition> getDefaultFilters() {
		return this.defaultFilters;
	}

	public void setDefaultFilters(List<FilterDefinition> defaultFilters) {
		this.defaultFilters = defaultFilters;
	}

	public Compatibility getCompatibility() {
		return this.compatibility;
	}

	/**
	 * Compatibility with Spring Cloud Gateway's configuration.
	 */
	public static class Compatibility {

		/**
		 * Whether to read Spring Cloud Gateway's routes, default filters and HTTP client timeouts
		 * (spring.cloud.gateway.server.webflux.*, ...server.webmvc.* and spring.cloud.gateway.*) as if
		 * they were set under sluice.*; when false, routes found there fail startup.
		 */
		private boolean readSpringCloudGatewayProperties = false;

		public boolean isReadSpringCloudGatewayProperties() {
			return this.readSpringCloudGatewayProperties;
		}

		public void setReadSpringCloudGatewayProperties(boolean readSpringCloudGatewayProperties) {
			this.readSpringCloudGatewayProperties = readSpringCloudGatewayProperties;
		}

	}

}
