package dev.sluice.autoconfigure;

import java.time.Duration;

import dev.sluice.http.ConnectTimeouts;
import dev.sluice.proxy.UpstreamTls;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the pooled Reactor Netty {@link HttpClient} that calls upstreams, and of
 * the TLS it talks to {@code https://} upstreams.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SluiceHttpClientProperties.class, SluiceMetricsProperties.class })
public final class SluiceHttpClientAutoConfiguration {

	private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

	@Bean(destroyMethod = "dispose")
	@ConditionalOnMissingBean(name = "sluiceConnectionProvider")
	ConnectionProvider sluiceConnectionProvider(SluiceHttpClientProperties properties,
			SluiceMetricsProperties metricsProperties) {
		ConnectionProvider.Builder builder = ConnectionProvider.builder("sluice");
		if (metricsProperties.isEnabled() && metricsProperties.getConnectionPool().isEnabled() && ClassUtils.isPresent(MICROMETER, null)) {
			// Reactor Netty's pool gauges, registered in Micrometer's global registry, which Boot
			// adds its registries to (management.metrics.use-global-registry).
			builder.metrics(true);
		}
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getMaxConnections).to(builder::maxConnections);
		map.from(properties::getPendingAcquireTimeout).to(builder::pendingAcquireTimeout);
		map.from(properties::getPendingAcquireMaxCount).to(builder::pendingAcquireMaxCount);
		map.from(properties::getMaxIdleTime).to(builder::maxIdleTime);
		map.from(properties::getEvictInBackground).to(builder::evictInBackground);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "sluiceHttpClient")
	HttpClient sluiceHttpClient(ConnectionProvider sluiceConnectionProvider, SluiceHttpClientProperties properties,
			ObjectProvider<SluiceHttpClientCustomizer> customizers) {
		return configure(HttpClient.create(sluiceConnectionProvider), properties, customizers);
	}

	/**
	 * Applies the properties and the customizers to a client, pooled or not.
	 * @param client the client
	 * @param properties the properties
	 * @param customizers the customizers
	 * @return the configured client
	 */
	static HttpClient configure(HttpClient client, SluiceHttpClientProperties properties,
			ObjectProvider<SluiceHttpClientCustomizer> customizers) {
		client = client.compress(false).followRedirect(false);
		if (properties.getMaxChunkSize() != null) {
			long maxChunkSize = properties.getMaxChunkSize().toBytes();
			Assert.isTrue(maxChunkSize > 0 && maxChunkSize <= Integer.MAX_VALUE,
					() -> "sluice.http-client.max-chunk-size must be between 1B and 2GB, not " + maxChunkSize + "B");
			client = client.httpResponseDecoder((decoder) -> decoder.maxChunkSize((int) maxChunkSize));
		}
		if (properties.getConnectTimeout() != null) {
			client = ConnectTimeouts.apply(client, properties.getConnectTimeout());
		}
		Duration responseTimeout = properties.getResponseTimeout();
		if (responseTimeout != null && !responseTimeout.isZero()) {
			client = client.responseTimeout(responseTimeout);
		}
		for (SluiceHttpClientCustomizer customizer : customizers.orderedStream().toList()) {
			client = customizer.customize(client);
		}
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	UpstreamTls sluiceUpstreamTls(SluiceHttpClientProperties properties, ObjectProvider<SslBundles> sslBundles) {
		SluiceHttpClientProperties.Ssl ssl = properties.getSsl();
		SslBundles bundles = sslBundles.getIfAvailable();
		String bundle = ssl.getBundle();
		if (bundle != null && (bundles == null || !bundles.getBundleNames().contains(bundle))) {
			throw new InvalidConfigurationPropertyValueException("sluice.http-client.ssl.bundle", bundle,
					"There is no SSL bundle named '" + bundle + "'; the bundles are "
							+ ((bundles != null) ? bundles.getBundleNames() : "[]") + " (spring.ssl.bundle.*)");
		}
		UpstreamTls tls = new UpstreamTls(bundle, bundles, ssl.isUseInsecureTrustManager(), ssl.getHandshakeTimeout());
		tls.prepareDefault();
		return tls;
	}

}
