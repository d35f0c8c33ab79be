package dev.sluice.route;

import reactor.core.publisher.Mono;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.filter.GlobalFilter;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads routes written as for Spring Cloud Gateway (shortcut and expanded forms mixed, in
 * {@code scg-routes.yml}) next to Java DSL routes, a user filter factory and a global filter, and
 * checks the routing that results on each server.
 */
@GatewayApp(properties = "spring.config.import=classpath:scg-routes.yml",
		configurations = ScgCompatibilityIntegrationTests.Extensions.class)
class ScgCompatibilityIntegrationTests {


	@ProxyTest
	void routesByPathAndMethodWithTemplateVariables(Gateway gateway) {
		gateway.webTestClient().get().uri("/users/42").exchange().expectStatus().isOk()
			.expectHeader().valueEquals("X-Gateway", "sluice")
			.expectHeader().valueEquals("X-Global", "seen")
			.expectBody().isEmpty();
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/42");
		assertThat(TestUpstream.get().lastRequest().headers().get("X-Segment")).isEqualTo("42");
	}

	@ProxyTest
	void triesRoutesByOrderAndAppliesExpandedArguments(Gateway gateway) {
		gateway.webTestClient().get().uri("/v2/users/7?x=1").header("X-Api-Key", "abc").exchange()
			.expectStatus().isOk().expectBody().isEmpty();
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/users/7?x=1&via=gateway");
	}

	@ProxyTest
	void routesByHostCookieAndQuery(Gateway gateway) {
		gateway.webTestClient().get().uri("/anything").header("Host", "acme.example.org").exchange()
			.expectStatus().isOk().expectBody().isEmpty();
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/acme");
		gateway.webTestClient().get().uri("/anything?debug").cookie("flavour", "chip").exchange()
			.expectStatus().isOk().expectBody().isEmpty();
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/cookie?debug");
	}

	@ProxyTest
	void fallsBackToTheLastRouteWithItsOwnFilterOrder(Gateway gateway) {
		gateway.webTestClient().get().uri("/v1/no-key").exchange()
			.expectStatus().isNotFound()
			.expectHeader().doesNotExist("X-Gateway")
			.expectBody().isEmpty();
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/v1/no-key");
	}

	@ProxyTest
	void mixesJavaRoutesWithYamlRoutes(Gateway gateway) {
		gateway.webTestClient().get().uri("/java/hello").header("X-Java", "1").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-Custom", "from-user-factory")
			.expectBody().isEmpty();
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/hello");
		assertThat(TestUpstream.get().lastRequest().headers().get("X-Lambda")).isEqualTo("yes");
	}

	@Configuration(proxyBeanMethods = false)
	static class Extensions {

		@Bean
		RouteLocator javaRoutes(RouteLocatorBuilder builder) {
			return builder.routes()
				.route("java", (r) -> r.path("/java/**")
					.header("X-Java", "\\d{1,3}")
					.order(-10)
					.filters((f) -> f.stripPrefix(1)
						.prefixPath("/echo")
						.filter("Custom", "from-user-factory")
						.filter((exchange, chain) -> chain.filter(exchange.mutate()
							.request((request) -> request.header("X-Lambda", "yes"))
							.build())))
					.uri(TestUpstream.get().uri()))
				.build();
		}

		@Bean
		GatewayFilterFactory customGatewayFilterFactory() {
			return new CustomGatewayFilterFactory();
		}

		@Bean
		GlobalFilter markingGlobalFilter() {
			return new GlobalFilter() {

				@Override
				public Mono<Void> filter(org.springframework.web.server.ServerWebExchange exchange,
						dev.sluice.filter.GatewayFilterChain chain) {
					return chain.filter(exchange).then(Mono.fromRunnable(
							() -> exchange.getResponse().getHeaders().set("X-Global", "seen")));
				}

				@Override
				public int getOrder() {
					return 0;
				}

			};
		}

	}

	static class CustomGatewayFilterFactory implements GatewayFilterFactory<CustomGatewayFilterFactory.Config> {

		@Override
		public GatewayFilter create(Config config) {
			String value = config.value();
			return (exchange, chain) -> chain.filter(exchange)
				.then(Mono.fromRunnable(() -> exchange.getResponse().getHeaders().set("X-Custom", value)));
		}

		record Config(String value) {

		}

	}

}
