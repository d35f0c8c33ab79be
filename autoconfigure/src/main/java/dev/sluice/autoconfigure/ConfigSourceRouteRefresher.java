package dev.sluice.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sluice.route.RefreshRoutesEvent;
import dev.sluice.route.RouteTable;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScopeRefreshedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * Reloads the routes when Spring Cloud reports that the environment changed: an
 * {@link EnvironmentChangeEvent} naming a route property (Spring Cloud Config, Kubernetes
 * ConfigMap reload, Consul, {@code /actuator/refresh}) or a refresh of the refresh scope. It does
 * what {@code POST /actuator/gateway/refresh} does: exchanges in flight keep the route they
 * matched, and a reload that fails leaves the routes in force and is logged.
 */
final class ConfigSourceRouteRefresher {

	private static final Log logger = LogFactory.getLog(ConfigSourceRouteRefresher.class);

	/** Route properties, lower case, with '_' read as '.' and '-' dropped, as relaxed binding reads them. */
	private static final List<String> ROUTE_PREFIXES = List.of("sluice.routes", "sluice.defaultfilters",
			"spring.cloud.gateway.routes", "spring.cloud.gateway.defaultfilters",
			"spring.cloud.gateway.server.webflux.routes", "spring.cloud.gateway.server.webflux.defaultfilters",
			"spring.cloud.gateway.server.webmvc.routes");

	private final RouteTable routeTable;

	private final ApplicationEventPublisher publisher;

	ConfigSourceRouteRefresher(RouteTable routeTable, ApplicationEventPublisher publisher) {
		this.routeTable = routeTable;
		this.publisher = publisher;
	}

	@EventListener
	void environmentChanged(EnvironmentChangeEvent event) {
		if (event.getKeys().stream().anyMatch(ConfigSourceRouteRefresher::isRouteProperty)) {
			reload("a change of " + routeKeys(event.getKeys()));
		}
	}

	@EventListener
	void refreshScopeRefreshed(RefreshScopeRefreshedEvent event) {
		reload("a refresh of the refresh scope");
	}

	static boolean isRouteProperty(String key) {
		String name = key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
		return ROUTE_PREFIXES.stream()
			.anyMatch((prefix) -> name.startsWith(prefix) && (name.length() == prefix.length()
					|| name.charAt(prefix.length()) == '.' || name.charAt(prefix.length()) == '['));
	}

	private static List<String> routeKeys(Set<String> keys) {
		return keys.stream().filter(ConfigSourceRouteRefresher::isRouteProperty).sorted().limit(5).toList();
	}

	/**
	 * Reloads the routes; one reload at a time, so the table never ends up older than the last
	 * definitions read.
	 */
	private synchronized void reload(String reason) {
		try {
			this.publisher.publishEvent(new RefreshRoutesEvent(this));
		}
		catch (RuntimeException ex) {
			logger.error("Routes not reloaded after " + reason + "; the routes in force stay: " + ex.getMessage(), ex);
			return;
		}
		this.routeTable.refresh();
		logger.info("Routes reloaded after " + reason + ": " + this.routeTable.routes().size() + " route(s)");
	}

}
