package dev.sluice.sample.extensions;

import dev.sluice.route.RouteLocator;
import dev.sluice.route.RouteLocatorBuilder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the sample's extensions: a predicate and a filter factory usable by name in
 * {@code application.yml}, a global filter that stamps every response with the upstream's time,
 * and a route written in Java next to the YAML ones.
 */
@Configuration(proxyBeanMethods = false)
public class ExtensionsConfiguration {

	@Bean
	TenantRoutePredicateFactory tenantRoutePredicateFactory() {
		return new TenantRoutePredicateFactory();
	}

	@Bean
	StampGatewayFilterFactory stampGatewayFilterFactory() {
		return new StampGatewayFilterFactory();
	}

	@Bean
	TimingGlobalFilter timingGlobalFilter() {
		return new TimingGlobalFilter();
	}

	@Bean
	RouteLocator javaRoutes(RouteLocatorBuilder builder,
			@Value("http://127.0.0.1:${sample.upstream.port}") String upstream) {
		return builder.routes()
			.route("java-tenant", (route) -> route.path("/java/**")
				.predicate("Tenant", "acme")
				.filters((filters) -> filters.stripPrefix(1).filter("Stamp", "X-Stamp", "java"))
				.uri(upstream))
			.build();
	}

}
