package dev.sluice.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.test.Gateway;
import dev.sluice.test.ServerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs applications with configuration mistakes that used to pass silently and checks that startup
 * fails with a report naming the property and what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class SluiceConfigurationChecksTests {

	private static final List<String> ROUTE = List.of("id=orders", "uri=http://127.0.0.1:9", "predicates[0]=Path=/orders/**");

	@Test
	void failsOnRoutesLeftUnderSpringCloudGatewaysPrefixesNamingTheMoveToSluiceRoutes() {
		for (String prefix : List.of("spring.cloud.gateway.server.webflux", "spring.cloud.gateway.server.webmvc",
				"spring.cloud.gateway")) {
			String report = analyze(failure(route(prefix + ".routes[0].")));
			assertThat(report).contains("Property: " + prefix + ".routes[0]")
				.contains("is a Spring Cloud Gateway property, which Sluice does not read")
				.contains("Move the routes and default filters from " + prefix + " to sluice.routes")
				.contains("sluice.compatibility.read-spring-cloud-gateway-properties=true");
		}
	}

	@Test
	void failsOnDefaultFiltersLeftUnderSpringCloudGatewaysPrefix() {
		assertThat(analyze(failure(Map.of("spring.cloud.gateway.server.webflux.default-filters[0]",
				"AddResponseHeader=X-A, b"))))
			.contains("Property: spring.cloud.gateway.server.webflux.default-filters[0]");
	}

	@Test
	void failsOnAnUnknownPropertyNamingTheNearestValidOne() {
		assertThat(analyze(failure(Map.of("sluice.http-client.conect-timeout", "5s"))))
			.contains("Property: sluice.http-client.conect-timeout")
			.contains("did you mean sluice.http-client.connect-timeout?");
	}

	@Test
	void failsOnAnUnknownRelaxedPropertyAndOnEachUnknownOne() {
		Map<String, Object> properties = new LinkedHashMap<>(route("sluice.routes[0]."));
		properties.put("sluice.httpClient.maxConection", "5");
		properties.put("sluice.routes[0].predicate[1]", "Method=GET");
		properties.put("sluice.routes[0].filters[0].nmae", "StripPrefix");
		String report = analyze(failure(properties));
		assertThat(report).contains("did you mean sluice.http-client.max-connections?")
			.contains("sluice.routes[0].predicate[1] (in ")
			.contains("did you mean sluice.routes[0].predicates?")
			.contains("did you mean sluice.routes[0].filters[0].name?");
	}

	@Test
	void failsOnARouteThatASinglePropertyOverrideCutDownNamingWhatWasBound() {
		Throwable failure = failure(route("sluice.routes[0]."), "--sluice.routes[0].uri=http://127.0.0.1:8");
		assertThat(analyze(failure)).contains("Property: sluice.routes[0]")
			.contains("sluice.routes[0] has no predicate: it was bound from 'commandLineArgs' alone")
			.contains("sluice.routes[0].uri=http://127.0.0.1:8")
			.contains("the routes in 'defaultProperties' were replaced, not merged")
			.contains("Override whole routes");
	}

	@Test
	void startsWithACatchAllRouteThatNoShadowedRouteGavePredicates(CapturedOutput output) {
		Map<String, Object> properties = new LinkedHashMap<>(route("sluice.routes[0]."));
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		new SpringApplicationBuilder(Application.class).web(WebApplicationType.REACTIVE)
			.properties(properties)
			.run("--sluice.routes[0].id=orders", "--sluice.routes[0].uri=http://127.0.0.1:9",
					"--sluice.routes[0].predicates[0]=Path=/orders/**", "--sluice.routes[1].id=all",
					"--sluice.routes[1].uri=http://127.0.0.1:9")
			.close();
		assertThat(output).contains("Sluice gateway has 2 route(s): orders, all")
			.contains("Route 'all' has no predicate");
	}

	@Test
	void leavesEnvironmentVariablesThatMerelyShareThePrefixAlone() {
		StandardEnvironment environment = new StandardEnvironment() {

			@Override
			protected void customizePropertySources(MutablePropertySources sources) {
				super.customizePropertySources(sources);
				// What Kubernetes sets for a Service named "sluice".
				sources.replace(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("SLUICE_PORT", "tcp://10.0.0.1:80", "SLUICE_SERVICE_HOST", "10.0.0.1",
										"SLUICE_PORT_80_TCP_ADDR", "10.0.0.1")));
			}

		};
		new SpringApplicationBuilder(Application.class).web(WebApplicationType.REACTIVE)
			.environment(environment)
			.properties(Map.of("server.port", "0", "server.address", "127.0.0.1"))
			.run()
			.close();
		assertThat(environment.getProperty("sluice.port")).isEqualTo("tcp://10.0.0.1:80");
	}

	@Test
	void startsWithFreeFormRouteMetadataAndArgumentsAndLogsTheRoutes(CapturedOutput output) {
		try (Gateway gateway = Gateway.start(ServerKind.REACTOR_NETTY, new String[] { "sluice.routes[0].id=first",
				"sluice.routes[0].uri=${upstream.uri}", "sluice.routes[0].predicates[0].name=Path",
				"sluice.routes[0].predicates[0].args.patterns=/first/**", "sluice.routes[0].metadata.any-thing.x=1",
				"sluice.routes[0].filters[0].name=AddResponseHeader", "sluice.routes[0].filters[0].args.name=X-A",
				"sluice.routes[0].filters[0].args.value=b", "sluice.routes[1].id=everything",
				"sluice.routes[1].uri=${upstream.uri}", "sluice.forwarded.trusted-proxies=10.0.0.0/8" })) {
			assertThat(gateway.get("/first/x", 404)).isNotNull();
		}
		assertThat(output).contains("Sluice gateway has 2 route(s): first, everything")
			.contains("Route 'everything' has no predicate: it matches every path");
	}

	@Test
	void warnsWhenThereAreNoRoutes(CapturedOutput output) {
		try (Gateway gateway = Gateway.start(ServerKind.REACTOR_NETTY, new String[0])) {
			assertThat(output).contains("Sluice gateway has no routes: every request");
		}
	}

	@Test
	void reportsZeroCopyOnAServletServerThroughTheFailureAnalyzer() {
		Throwable failure = catchThrowable(() -> Gateway.start(ServerKind.TOMCAT,
				new String[] { "sluice.buffers.writer=zero-copy" }).close());
		FailureAnalysis analysis = new RouteDefinitionFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("Invalid gateway configuration")
			.contains("Property: sluice.buffers.writer")
			.contains("zero-copy needs Reactor Netty, but the server is tomcat");
		assertThat(analysis.getAction()).isEqualTo("Correct sluice.buffers.writer. Valid choices: auto, copy");
		assertThat(failure).hasRootCauseInstanceOf(RouteDefinitionException.class);
	}

	private static Map<String, Object> route(String prefix) {
		Map<String, Object> properties = new LinkedHashMap<>();
		ROUTE.forEach((property) -> {
			int eq = property.indexOf('=');
			properties.put(prefix + property.substring(0, eq), property.substring(eq + 1));
		});
		return properties;
	}

	private static Throwable failure(Map<String, Object> properties, String... args) {
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.put("server.port", "0");
		all.put("server.address", "127.0.0.1");
		all.put("spring.main.banner-mode", "off");
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.REACTIVE)
			.properties(all)
			.run(args)
			.close());
		assertThat(failure).as("startup failure").isNotNull();
		return failure;
	}

	private static String analyze(Throwable failure) {
		FailureAnalysis analysis = new SluiceConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of " + failure).isNotNull();
		return analysis.getDescription() + "\n" + analysis.getAction();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
