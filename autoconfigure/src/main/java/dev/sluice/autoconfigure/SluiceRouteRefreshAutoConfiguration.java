package dev.sluice.autoconfigure;

import dev.sluice.route.RouteTable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that makes the routes follow the config source: with Spring Cloud Context
 * present, an environment change naming a route property, or a refresh of the refresh scope,
 * reloads the routes as {@code POST /actuator/gateway/refresh} does.
 */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.cloud.context.environment.EnvironmentChangeEvent",
		"org.springframework.cloud.context.scope.refresh.RefreshScopeRefreshedEvent" })
@ConditionalOnBean(RouteTable.class)
public final class SluiceRouteRefreshAutoConfiguration {

	@Bean
	ConfigSourceRouteRefresher sluiceConfigSourceRouteRefresher(RouteTable sluiceRouteTable,
			ApplicationEventPublisher publisher) {
		return new ConfigSourceRouteRefresher(sluiceRouteTable, publisher);
	}

}
