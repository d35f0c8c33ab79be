package dev.sluice.autoconfigure;

import dev.sluice.filter.factory.AddRequestParameterGatewayFilterFactory;
import dev.sluice.filter.factory.RedirectToGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveRequestParameterGatewayFilterFactory;
import dev.sluice.filter.factory.RequestHeaderSizeGatewayFilterFactory;
import dev.sluice.filter.factory.RequestSizeGatewayFilterFactory;
import dev.sluice.filter.factory.RetryGatewayFilterFactory;
import dev.sluice.filter.factory.RewritePathGatewayFilterFactory;
import dev.sluice.filter.factory.SetPathGatewayFilterFactory;
import dev.sluice.filter.factory.SetStatusGatewayFilterFactory;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the filter factories that change the path, the query or the outcome of a
 * request, each replaceable by a bean of its type.
 */
@AutoConfiguration(before = SluiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceFilterProperties.class)
public final class SluiceRequestFiltersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AddRequestParameterGatewayFilterFactory addRequestParameterGatewayFilterFactory() {
		return new AddRequestParameterGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RedirectToGatewayFilterFactory redirectToGatewayFilterFactory() {
		return new RedirectToGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RemoveRequestParameterGatewayFilterFactory removeRequestParameterGatewayFilterFactory() {
		return new RemoveRequestParameterGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RequestHeaderSizeGatewayFilterFactory requestHeaderSizeGatewayFilterFactory() {
		return new RequestHeaderSizeGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RequestSizeGatewayFilterFactory requestSizeGatewayFilterFactory() {
		return new RequestSizeGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RetryGatewayFilterFactory retryGatewayFilterFactory() {
		return new RetryGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RewritePathGatewayFilterFactory rewritePathGatewayFilterFactory() {
		return new RewritePathGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	SetPathGatewayFilterFactory setPathGatewayFilterFactory() {
		return new SetPathGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	SetStatusGatewayFilterFactory setStatusGatewayFilterFactory(SluiceFilterProperties properties) {
		return new SetStatusGatewayFilterFactory(properties.getSetStatus().getOriginalStatusHeaderName());
	}

}
