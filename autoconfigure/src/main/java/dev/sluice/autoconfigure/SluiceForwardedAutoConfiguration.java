package dev.sluice.autoconfigure;

import java.util.regex.PatternSyntaxException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sluice.forwarded.ForwardedHeaders;
import dev.sluice.forwarded.TrustedProxies;
import dev.sluice.forwarded.UntrustedForwardedHeadersWebFilter;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of forwarded headers: the trusted proxies, the web filter that removes
 * forwarded headers sent by anyone else, and the hop the gateway adds upstream.
 */
@AutoConfiguration(before = SluiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceForwardedProperties.class)
public final class SluiceForwardedAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SluiceForwardedAutoConfiguration.class);

	static final String TRUSTED_PROXIES = "sluice.forwarded.trusted-proxies";

	static final String SERVER_STRATEGY = "server.forward-headers-strategy";

	@Bean
	@ConditionalOnMissingBean
	TrustedProxies sluiceTrustedProxies(SluiceForwardedProperties properties, Environment environment) {
		warnIfServerAppliesForwardedHeaders(environment);
		String regex = properties.getTrustedProxies();
		if (regex == null || regex.isEmpty()) {
			return TrustedProxies.NONE;
		}
		try {
			return TrustedProxies.matching(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(TRUSTED_PROXIES, regex,
					"Not a valid regular expression: " + ex.getDescription() + " at index " + ex.getIndex());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	ForwardedHeaders sluiceForwardedHeaders(SluiceForwardedProperties properties) {
		return new ForwardedHeaders(properties.isEnabled(), properties.isForwardedHeader());
	}

	@Bean
	@ConditionalOnMissingBean
	UntrustedForwardedHeadersWebFilter untrustedForwardedHeadersWebFilter(TrustedProxies sluiceTrustedProxies) {
		return new UntrustedForwardedHeadersWebFilter(sluiceTrustedProxies);
	}

	/**
	 * Warns when the server itself applies forwarded headers (Boot's native or framework strategy,
	 * chosen explicitly or by the cloud platform): it then believes them from any client, before
	 * Sluice can tell a trusted proxy from anyone else.
	 */
	private static void warnIfServerAppliesForwardedHeaders(Environment environment) {
		String strategy = environment.getProperty(SERVER_STRATEGY);
		CloudPlatform platform = CloudPlatform.getActive(environment);
		boolean byPlatform = strategy == null && platform != null && platform.isUsingForwardHeaders();
		if (byPlatform || "native".equalsIgnoreCase(strategy) || "framework".equalsIgnoreCase(strategy)) {
			logger.warn("The server applies forwarded headers from every client (" + SERVER_STRATEGY + "="
					+ ((strategy != null) ? strategy : "native, chosen for " + platform)
					+ "), so a client can claim any address before Sluice sees the request. Set " + SERVER_STRATEGY
					+ "=none and name the proxies in front of the gateway in " + TRUSTED_PROXIES
					+ " (docs/forwarded-headers.md).");
		}
	}

}
