package dev.sluice.autoconfigure;

import dev.sluice.forward.ForwardRoutingFilter;
import dev.sluice.forward.Forwarder;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * Auto-configuration of {@code forward:/path}: route URIs and circuit breaker fallbacks that hand
 * the exchange to the application's own handlers.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
public final class SluiceForwardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Forwarder sluiceForwarder(BeanFactory beanFactory) {
		// Looked up when first used: the dispatcher's handler mappings include the gateway's.
		return new Forwarder(() -> beanFactory.getBean(DispatcherHandler.class));
	}

	@Bean
	@ConditionalOnMissingBean
	ForwardRoutingFilter sluiceForwardRoutingFilter(Forwarder sluiceForwarder) {
		return new ForwardRoutingFilter(sluiceForwarder);
	}

}
