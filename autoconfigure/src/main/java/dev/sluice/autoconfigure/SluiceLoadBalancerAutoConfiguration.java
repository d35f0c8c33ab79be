package dev.sluice.autoconfigure;

import dev.sluice.loadbalancer.InstanceStates;
import dev.sluice.loadbalancer.LoadBalancerClientFilter;
import dev.sluice.loadbalancer.OutlierDetection;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@code lb://} routes through Spring Cloud LoadBalancer, when it is on the
 * classpath: the filter that resolves each attempt to an instance, and the instances' states for
 * outlier detection. Without it, a route with an {@code lb://} URI fails startup.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = { "reactor.netty.http.client.HttpClient",
		"org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer" })
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@ConditionalOnBean(ReactiveLoadBalancer.Factory.class)
@EnableConfigurationProperties(SluiceLoadBalancerProperties.class)
public final class SluiceLoadBalancerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InstanceStates sluiceInstanceStates(SluiceLoadBalancerProperties properties) {
		SluiceLoadBalancerProperties.OutlierDetection detection = properties.getOutlierDetection();
		return new InstanceStates(detection.isEnabled() ? new OutlierDetection(true, detection.getConsecutiveFailures(),
				detection.getEjectionTime(), detection.getMaxEjectedShare()) : OutlierDetection.DISABLED);
	}

	@Bean
	@ConditionalOnMissingBean
	LoadBalancerClientFilter sluiceLoadBalancerClientFilter(ReactiveLoadBalancer.Factory<ServiceInstance> balancers,
			InstanceStates sluiceInstanceStates) {
		return new LoadBalancerClientFilter(balancers, sluiceInstanceStates);
	}

}
