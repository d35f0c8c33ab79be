package dev.sluice.autoconfigure;

import java.util.Map;
import java.util.Set;

import dev.sluice.filter.factory.AddRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.AddRequestHeadersIfNotPresentGatewayFilterFactory;
import dev.sluice.filter.factory.AddResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.DedupeResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.MapRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.PreserveHostHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RewriteLocationResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RewriteResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SecureHeadersGatewayFilterFactory;
import dev.sluice.filter.factory.SetRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SetRequestHostHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SetResponseHeaderGatewayFilterFactory;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the filter factories that change headers, each replaceable by a bean of its
 * type.
 */
@AutoConfiguration(before = SluiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceFilterProperties.class)
public final class SluiceHeaderFiltersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AddRequestHeaderGatewayFilterFactory addRequestHeaderGatewayFilterFactory() {
		return new AddRequestHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	AddRequestHeadersIfNotPresentGatewayFilterFactory addRequestHeadersIfNotPresentGatewayFilterFactory() {
		return new AddRequestHeadersIfNotPresentGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	AddResponseHeaderGatewayFilterFactory addResponseHeaderGatewayFilterFactory() {
		return new AddResponseHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	DedupeResponseHeaderGatewayFilterFactory dedupeResponseHeaderGatewayFilterFactory() {
		return new DedupeResponseHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	MapRequestHeaderGatewayFilterFactory mapRequestHeaderGatewayFilterFactory() {
		return new MapRequestHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	PreserveHostHeaderGatewayFilterFactory preserveHostHeaderGatewayFilterFactory() {
		return new PreserveHostHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RemoveRequestHeaderGatewayFilterFactory removeRequestHeaderGatewayFilterFactory() {
		return new RemoveRequestHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RemoveResponseHeaderGatewayFilterFactory removeResponseHeaderGatewayFilterFactory() {
		return new RemoveResponseHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RewriteLocationResponseHeaderGatewayFilterFactory rewriteLocationResponseHeaderGatewayFilterFactory() {
		return new RewriteLocationResponseHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RewriteResponseHeaderGatewayFilterFactory rewriteResponseHeaderGatewayFilterFactory() {
		return new RewriteResponseHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	SetRequestHeaderGatewayFilterFactory setRequestHeaderGatewayFilterFactory() {
		return new SetRequestHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	SetRequestHostHeaderGatewayFilterFactory setRequestHostHeaderGatewayFilterFactory() {
		return new SetRequestHostHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	SetResponseHeaderGatewayFilterFactory setResponseHeaderGatewayFilterFactory() {
		return new SetResponseHeaderGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	SecureHeadersGatewayFilterFactory secureHeadersGatewayFilterFactory(SluiceFilterProperties properties) {
		SluiceFilterProperties.SecureHeaders secure = properties.getSecureHeaders();
		Map<String, String> headers = SecureHeadersGatewayFilterFactory.defaults();
		PropertyMapper map = PropertyMapper.get();
		map.from(secure::getXssProtectionHeader).to((value) -> headers.put("X-Xss-Protection", value));
		map.from(secure::getStrictTransportSecurity).to((value) -> headers.put("Strict-Transport-Security", value));
		map.from(secure::getFrameOptions).to((value) -> headers.put("X-Frame-Options", value));
		map.from(secure::getContentTypeOptions).to((value) -> headers.put("X-Content-Type-Options", value));
		map.from(secure::getReferrerPolicy).to((value) -> headers.put("Referrer-Policy", value));
		map.from(secure::getContentSecurityPolicy).to((value) -> headers.put("Content-Security-Policy", value));
		map.from(secure::getDownloadOptions).to((value) -> headers.put("X-Download-Options", value));
		map.from(secure::getPermittedCrossDomainPolicies)
			.to((value) -> headers.put("X-Permitted-Cross-Domain-Policies", value));
		map.from(secure::getPermissionsPolicy).to((value) -> headers.put("Permissions-Policy", value));
		return new SecureHeadersGatewayFilterFactory(headers, Set.copyOf(secure.getDisable()),
				Set.copyOf(secure.getEnable()));
	}

}
