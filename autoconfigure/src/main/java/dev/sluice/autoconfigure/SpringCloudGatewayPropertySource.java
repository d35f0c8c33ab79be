package dev.sluice.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Spring Cloud Gateway's route, default filter and HTTP client timeout properties, read live from
 * the environment and named as Sluice's ({@code spring.cloud.gateway.server.webflux.routes[0].uri}
 * as {@code sluice.routes[0].uri}), for {@code sluice.compatibility.read-spring-cloud-gateway-properties}.
 * Added last, so {@code sluice.*} set anywhere wins; a refresh sees the environment as it is then.
 */
final class SpringCloudGatewayPropertySource extends EnumerablePropertySource<MutablePropertySources> {

	static final String NAME = "sluiceFromSpringCloudGateway";

	/** Spring Cloud Gateway's prefixes, the one of highest precedence first. */
	static final List<String> PREFIXES = List.of("spring.cloud.gateway.server.webflux",
			"spring.cloud.gateway.server.webmvc", "spring.cloud.gateway");

	/** Spring Cloud Gateway's names below a prefix, and Sluice's for them. */
	private static final Map<String, String> NAMES = Map.of("routes", "sluice.routes", "default-filters",
			"sluice.default-filters", "httpclient.connect-timeout", "sluice.http-client.connect-timeout",
			"httpclient.response-timeout", "sluice.http-client.response-timeout");

	/**
	 * Creates the source. Its source is the environment's property sources, not the environment:
	 * Spring Boot reads a property source whose source is an environment as a nested environment,
	 * and would find this source inside itself.
	 * @param environment the environment to read Spring Cloud Gateway's properties from
	 */
	SpringCloudGatewayPropertySource(ConfigurableEnvironment environment) {
		super(NAME, environment.getPropertySources());
	}

	@Override
	public String[] getPropertyNames() {
		return properties().keySet().toArray(String[]::new);
	}

	@Override
	public @Nullable Object getProperty(String name) {
		return name.startsWith("sluice.") ? properties().get(name) : null;
	}

	/**
	 * Returns whether a property source holds routes or default filters under one of Spring Cloud
	 * Gateway's prefixes.
	 * @param source the source
	 * @return the first such property found, or {@code null}
	 */
	static @Nullable String routeProperty(ConfigurationPropertySource source) {
		if (source instanceof IterableConfigurationPropertySource iterable) {
			for (ConfigurationPropertyName name : (Iterable<ConfigurationPropertyName>) iterable.stream()::iterator) {
				String sluiceName = sluiceName(name);
				if (sluiceName != null && (sluiceName.startsWith("sluice.routes")
						|| sluiceName.startsWith("sluice.default-filters"))) {
					return name.toString();
				}
			}
		}
		return null;
	}

	private Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.from(getSource())) {
			if (source.getUnderlyingSource() == this || !(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.stream().forEach((name) -> {
				String sluiceName = sluiceName(name);
				ConfigurationProperty property = (sluiceName != null) ? source.getConfigurationProperty(name) : null;
				if (property != null) {
					properties.putIfAbsent(sluiceName, property.getValue());
				}
			});
		}
		return properties;
	}

	/** Returns Sluice's name for one of Spring Cloud Gateway's, or {@code null}. */
	static @Nullable String sluiceName(ConfigurationPropertyName name) {
		for (String prefix : PREFIXES) {
			ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
			if (!root.isAncestorOf(name)) {
				continue;
			}
			String rest = name.toString().substring(prefix.length() + 1);
			for (Map.Entry<String, String> entry : NAMES.entrySet()) {
				String key = entry.getKey();
				if (rest.equals(key) || rest.startsWith(key + ".") || rest.startsWith(key + "[")) {
					return entry.getValue() + rest.substring(key.length());
				}
			}
			return null;
		}
		return null;
	}

}
