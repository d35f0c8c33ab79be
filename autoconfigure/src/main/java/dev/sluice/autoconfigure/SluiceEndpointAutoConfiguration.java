package dev.sluice.autoconfigure;

import dev.sluice.actuate.GatewayEndpoint;
import dev.sluice.loadbalancer.InstanceStates;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.route.RouteTable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code gateway} actuator endpoint.
 */
@AutoConfiguration(after = { SluiceAutoConfiguration.class, SluiceServerAutoConfiguration.class,
		SluiceLoadBalancerAutoConfiguration.class })
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnAvailableEndpoint(GatewayEndpoint.class)
@EnableConfigurationProperties(GatewayEndpointProperties.class)
public final class SluiceEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ RouteTable.class, ResponseWriterSelector.class })
	GatewayEndpoint gatewayEndpoint(RouteTable routeTable, ApplicationEventPublisher publisher,
			ResponseWriterSelector writers, ObjectProvider<InstanceStates> instances, GatewayEndpointProperties properties) {
		GatewayEndpoint endpoint = new GatewayEndpoint(routeTable, publisher, writers, instances.getIfAvailable());
		endpoint.setShowValues(properties.getShowValues(), properties.getRoles());
		return endpoint;
	}

}
