package dev.sluice.route;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.filter.factory.PrefixPathGatewayFilterFactory;
import dev.sluice.filter.factory.StripPrefixGatewayFilterFactory;
import dev.sluice.route.predicate.PathRoutePredicateFactory;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link RouteCompiler}.
 */
class RouteCompilerTests {

	private final RouteCompiler compiler = new RouteCompiler(List.of(new PathRoutePredicateFactory()),
			List.of(new StripPrefixGatewayFilterFactory(), new PrefixPathGatewayFilterFactory()));

	@Test
	void compilesPathPredicatesThatCaptureTemplateVariables() {
		Route route = compile(definition("users", "http://127.0.0.1:9000", "Path=/users/{id},/people/{id}"));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/people/42/"));
		assertThat(route.predicate().test(exchange)).isTrue();
		assertThat(exchange.<java.util.Map<String, String>>getAttribute(GatewayAttributes.URI_TEMPLATE_VARIABLES))
			.containsEntry("id", "42");
		assertThat(route.predicate().test(MockServerWebExchange.from(MockServerHttpRequest.get("/other/42"))))
			.isFalse();
	}

	@Test
	void rejectsBadUrisNamingTheProperty() {
		for (String uri : List.of("", "localhost:8080", "ftp://host", "http://", "http://bad host")) {
			assertThatThrownBy(() -> compile(definition("r", uri, "Path=/**")))
				.as(uri)
				.isInstanceOfSatisfying(RouteDefinitionException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].uri"));
		}
	}

	@Test
	void acceptsWebSocketUris() {
		for (String uri : List.of("ws://host:8080", "wss://host", "WS://host")) {
			assertThat(compile(definition("r", uri, "Path=/**")).uri()).as(uri).hasHost("host");
		}
		assertThatThrownBy(() -> compile(definition("r", "ws://", "Path=/**")))
			.isInstanceOf(RouteDefinitionException.class);
	}

	@Test
	void compilesLbAndForwardUrisWhenABeanResolvesTheirScheme() {
		RouteCompiler resolving = new RouteCompiler(List.of(new PathRoutePredicateFactory()), List.of(),
				List::of, Set.of("lb", "forward"));
		assertThat(resolving.compile("sluice.routes", List.of(definition("a", "lb://user_service", "Path=/a/**"),
				definition("b", "forward:/local", "Path=/b/**"), definition("c", "lb:ws://chat", "Path=/c/**"),
				definition("d", "lb:wss://chat", "Path=/d/**")), List.of()))
			.extracting((route) -> route.uri().toString())
			.containsExactly("lb://user_service", "forward:/local", "lb:ws://chat", "lb:wss://chat");
		for (String uri : List.of("lb://", "lb:users", "forward:local", "lb:ws://", "lb:wss:/chat")) {
			assertThatThrownBy(() -> resolving.compile("sluice.routes", List.of(definition("r", uri, "Path=/**")),
					List.of()))
				.as(uri)
				.isInstanceOfSatisfying(RouteDefinitionException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].uri"));
		}
	}

	@Test
	void rejectsAnLbUriWithoutSpringCloudLoadBalancerNamingTheDependency() {
		assertThatThrownBy(() -> compile(definition("r", "lb://users", "Path=/**")))
			.isInstanceOfSatisfying(RouteDefinitionException.class,
					(ex) -> assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].uri"))
			.hasMessageContaining("org.springframework.cloud:spring-cloud-starter-loadbalancer");
	}

	@Test
	void rejectsUnknownPredicatesListingTheKnownOnes() {
		assertThatThrownBy(() -> compile(definition("r", "http://h", "Paht=/**")))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].predicates[0]");
				assertThat(ex.getValidChoices()).containsExactly("Path");
			});
	}

	@Test
	void rejectsBadPathPatternsAndDuplicateIds() {
		assertThatThrownBy(() -> compile(definition("r", "http://h", "Path=/a/{id")))
			.hasMessageContaining("sluice.routes[0].predicates[0]")
			.hasMessageContaining("not a valid path pattern");
		assertThatThrownBy(() -> this.compiler.compile("sluice.routes",
				List.of(definition("same", "http://h", "Path=/a"), definition("same", "http://h", "Path=/b")), List.of()))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sluice.routes[1].id");
				assertThat(ex.getProblem()).contains("duplicate route id 'same'");
			});
	}

	@Test
	void checksTheSslBundleARouteNames() {
		RouteCompiler withBundles = new RouteCompiler(List.of(new PathRoutePredicateFactory()), List.of(),
				() -> List.of("upstreams", "client"), Set.of());
		RouteDefinition named = definition("r", "https://h", "Path=/**");
		named.getMetadata().put(Route.SSL_BUNDLE, "client");
		assertThat(withBundles.compile("sluice.routes", List.of(named), List.of()).get(0).sslBundle()).isEqualTo("client");
		RouteDefinition unknown = definition("r", "https://h", "Path=/**");
		unknown.getMetadata().put(Route.SSL_BUNDLE, "clinet");
		assertThatThrownBy(() -> withBundles.compile("sluice.routes", List.of(unknown), List.of()))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].metadata.ssl-bundle");
				assertThat(ex.getProblem()).isEqualTo("there is no SSL bundle named 'clinet'");
				assertThat(ex.getValidChoices()).containsExactly("client", "upstreams");
			});
		RouteDefinition blank = definition("r", "https://h", "Path=/**");
		blank.getMetadata().put(Route.SSL_BUNDLE, " ");
		assertThatThrownBy(() -> withBundles.compile("sluice.routes", List.of(blank), List.of()))
			.hasMessageStartingWith("sluice.routes[0].metadata.ssl-bundle: must name an SSL bundle");
	}

	@Test
	void leavesARouteWithoutSslBundleToTheGatewaysDefault() {
		assertThat(compile(definition("r", "https://h", "Path=/**")).sslBundle()).isNull();
	}

	private Route compile(RouteDefinition definition) {
		return this.compiler.compile("sluice.routes", List.of(definition), List.of()).get(0);
	}

	private static RouteDefinition definition(String id, String uri, String predicate) {
		RouteDefinition definition = new RouteDefinition();
		definition.setId(id);
		definition.setUri(uri);
		definition.getPredicates().add(new PredicateDefinition(predicate));
		return definition;
	}

}
