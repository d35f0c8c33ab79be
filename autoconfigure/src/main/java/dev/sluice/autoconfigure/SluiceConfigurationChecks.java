package dev.sluice.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Fails startup, before any bean exists, on configuration mistakes that would otherwise pass
 * silently: routes left under Spring Cloud Gateway's prefixes (or, when asked to, reads them as
 * {@code sluice.*}), unknown {@code sluice.*} properties, and a route that a single-property
 * override cut down. Runs once all config data is loaded, and only for a reactive application
 * where the gateway is enabled.
 */
final class SluiceConfigurationChecks implements EnvironmentPostProcessor, Ordered {

	static final String READ_SCG_PROPERTIES = "sluice.compatibility.read-spring-cloud-gateway-properties";

	private static final ConfigurationPropertyName SLUICE = ConfigurationPropertyName.of("sluice");

	private static final ConfigurationPropertyName ROUTES = ConfigurationPropertyName.of("sluice.routes");

	private final Log logger;

	SluiceConfigurationChecks(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(SluiceConfigurationChecks.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (application.getWebApplicationType() != WebApplicationType.REACTIVE
				|| !binder.bind("sluice.enabled", Boolean.class).orElse(true)
				|| !ClassUtils.isPresent("reactor.netty.http.client.HttpClient", application.getClassLoader())) {
			return;
		}
		springCloudGatewayProperties(environment, binder.bind(READ_SCG_PROPERTIES, Boolean.class).orElse(false));
		unknownProperties(environment, application.getClassLoader());
		overriddenRoutes(environment);
	}

	private void springCloudGatewayProperties(ConfigurableEnvironment environment, boolean read) {
		if (read) {
			SpringCloudGatewayPropertySource source = new SpringCloudGatewayPropertySource(environment);
			environment.getPropertySources().addLast(source);
			String[] names = source.getPropertyNames();
			if (names.length > 0) {
				this.logger.info("Reading " + names.length + " Spring Cloud Gateway properties (routes, default "
						+ "filters, HTTP client timeouts) as sluice.*, as " + READ_SCG_PROPERTIES + "=true asks");
			}
			return;
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			String property = SpringCloudGatewayPropertySource.routeProperty(source);
			if (property == null) {
				continue;
			}
			String prefix = property.substring(0, property.indexOf(property.contains(".routes") ? ".routes" : ".default-filters"));
			throw new InvalidSluiceConfigurationException(property, property + " (in '"
					+ name(source) + "') is a Spring Cloud Gateway property, which Sluice does not read."
					+ "\nLeft there, the gateway would start without these routes and answer 404 to their paths.",
					"Move the routes and default filters from " + prefix + " to sluice.routes and "
							+ "sluice.default-filters: the definitions (id, uri, predicates, filters, metadata, order) "
							+ "stay as they are. Or set " + READ_SCG_PROPERTIES + "=true to have Sluice read them "
							+ "where they are (see docs/migrating-from-scg.md).");
		}
	}

	private void unknownProperties(ConfigurableEnvironment environment, @Nullable ClassLoader classLoader) {
		KnownProperties known = KnownProperties.load(classLoader);
		if (known == null) {
			return;
		}
		Map<String, String> unknown = new TreeMap<>();
		Map<String, String> origins = new TreeMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getUnderlyingSource() instanceof SpringCloudGatewayPropertySource || isSystemEnvironment(source)
					|| !(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(SLUICE::isAncestorOf).stream().forEach((name) -> {
				String nearest = known.unknown(name.toString());
				if (nearest != null && !unknown.containsKey(name.toString())) {
					unknown.put(name.toString(), nearest);
					origins.put(name.toString(), name(source));
				}
			});
		}
		if (unknown.isEmpty()) {
			return;
		}
		String first = unknown.keySet().iterator().next();
		String list = unknown.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " (in '" + origins.get(entry.getKey()) + "'): did you mean "
					+ entry.getValue() + "?")
			.collect(Collectors.joining("\n"));
		throw new InvalidSluiceConfigurationException(first,
				"unknown gateway propert" + ((unknown.size() == 1) ? "y" : "ies") + ", which would be ignored:\n" + list,
				"Correct the name" + ((unknown.size() == 1) ? "" : "s") + " (docs/configuration-properties.md lists "
						+ "every sluice.* property).");
	}

	/**
	 * Spring Boot binds a list from the one property source of highest precedence that holds any
	 * element of it; a single {@code sluice.routes[0].uri} on the command line therefore replaces
	 * the routes of {@code application.yml} instead of changing one of them.
	 */
	private void overriddenRoutes(ConfigurableEnvironment environment) {
		List<ConfigurationPropertySource> holders = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable
					&& iterable.filter(ROUTES::isAncestorOf).stream().findAny().isPresent()) {
				holders.add(source);
			}
		}
		if (holders.size() < 2) {
			return;
		}
		IterableConfigurationPropertySource winner = (IterableConfigurationPropertySource) holders.get(0);
		Map<String, List<String>> byRoute = new TreeMap<>();
		winner.filter(ROUTES::isAncestorOf).stream().forEach((name) -> {
			String route = name.chop(ROUTES.getNumberOfElements() + 1).toString();
			byRoute.computeIfAbsent(route, (key) -> new ArrayList<>()).add(describe(winner, name));
		});
		for (Map.Entry<String, List<String>> route : byRoute.entrySet()) {
			boolean uri = winner.getConfigurationProperty(ConfigurationPropertyName.of(route.getKey() + ".uri")) != null;
			boolean predicates = winner.filter(ConfigurationPropertyName.of(route.getKey() + ".predicates")::isAncestorOf)
				.stream()
				.findAny()
				.isPresent();
			// A route without predicate may be a deliberate catch-all; it is reported when a
			// shadowed source gave that route predicates, as an override of its uri would.
			if (uri && (predicates || !hasPredicates(holders.subList(1, holders.size()), route.getKey()))) {
				continue;
			}
			String missing = !uri ? (!predicates ? "no uri and no predicate" : "no uri") : "no predicate";
			String shadowed = holders.subList(1, holders.size())
				.stream()
				.map((source) -> "'" + name(source) + "'")
				.collect(Collectors.joining(", "));
			throw new InvalidSluiceConfigurationException(route.getKey(), route.getKey() + " has " + missing
					+ ": it was bound from '" + name(winner) + "' alone, which sets only\n    "
					+ String.join("\n    ", route.getValue()) + "\nsluice.routes is a list, and Spring Boot binds a list "
					+ "from the one property source of highest precedence that holds any of its elements: the routes in "
					+ shadowed + " were replaced, not merged.",
					"Override whole routes: set every property of " + route.getKey() + " (id, uri, predicates, filters) in '"
							+ name(winner) + "', or change the route where it is defined (a profile-"
							+ "specific file, for example) instead of overriding one of its properties.");
		}
	}

	private static boolean hasPredicates(List<ConfigurationPropertySource> sources, String route) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(route + ".predicates");
		return sources.stream()
			.anyMatch((source) -> source instanceof IterableConfigurationPropertySource iterable
					&& iterable.filter(name::isAncestorOf).stream().findAny().isPresent());
	}

	/**
	 * Environment variables are not checked: the platform sets some that merely start with the
	 * prefix (Kubernetes adds {@code SLUICE_PORT}, {@code SLUICE_SERVICE_HOST}, ... for a Service
	 * named {@code sluice}).
	 */
	private static boolean isSystemEnvironment(ConfigurationPropertySource source) {
		return source.getUnderlyingSource() instanceof PropertySource<?> propertySource
				&& StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName());
	}

	private static String name(ConfigurationPropertySource source) {
		return (source.getUnderlyingSource() instanceof PropertySource<?> propertySource) ? propertySource.getName()
				: String.valueOf(source.getUnderlyingSource());
	}

	private static String describe(ConfigurationPropertySource source, ConfigurationPropertyName name) {
		ConfigurationProperty property = source.getConfigurationProperty(name);
		return name + "=" + ((property != null) ? property.getValue() : "");
	}

}
