package dev.sluice.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.filter.GlobalFilter;
import dev.sluice.filter.factory.PrefixPathGatewayFilterFactory;
import dev.sluice.filter.factory.StripPrefixGatewayFilterFactory;
import dev.sluice.forwarded.ForwardedHeaders;
import dev.sluice.proxy.ExchangeListener;
import dev.sluice.proxy.GatewayWebHandler;
import dev.sluice.route.RouteCompiler;
import dev.sluice.route.RouteHandlerMapping;
import dev.sluice.route.RouteLocator;
import dev.sluice.route.RouteLocatorBuilder;
import dev.sluice.route.RoutePredicateFactory;
import dev.sluice.route.RouteTable;
import dev.sluice.route.UpstreamScheme;
import dev.sluice.route.predicate.PathRoutePredicateFactory;
import dev.sluice.websocket.WebSocketRoutingHandler;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.proxy.UpstreamTls;
import io.micrometer.observation.ObservationRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ListableBeanFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Auto-configuration of the gateway: routes from {@code sluice.routes}, the route table, and the
 * handler that proxies matching requests.
 */
@AutoConfiguration(after = { SluiceHttpClientAutoConfiguration.class, SluiceServerAutoConfiguration.class,
		SluiceBufferAutoConfiguration.class, SluiceMetricsAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SluiceProperties.class, SluiceMetricsProperties.class })
public final class SluiceAutoConfiguration {

	/** Order of the gateway's handler mapping: after the actuator's and the application's own. */
	public static final int HANDLER_MAPPING_ORDER = 1;

	private static final String TRACER = "io.micrometer.tracing.Tracer";

	@Bean
	@ConditionalOnMissingBean
	PathRoutePredicateFactory pathRoutePredicateFactory() {
		return new PathRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	StripPrefixGatewayFilterFactory stripPrefixGatewayFilterFactory() {
		return new StripPrefixGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	PrefixPathGatewayFilterFactory prefixPathGatewayFilterFactory() {
		return new PrefixPathGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RouteCompiler sluiceRouteCompiler(ObjectProvider<RoutePredicateFactory<?>> predicateFactories,
			ObjectProvider<GatewayFilterFactory<?>> filterFactories, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<UpstreamScheme> upstreamSchemes) {
		return new RouteCompiler(predicateFactories.orderedStream().toList(), filterFactories.orderedStream().toList(),
				() -> {
					SslBundles bundles = sslBundles.getIfAvailable();
					return (bundles != null) ? bundles.getBundleNames() : List.of();
				}, upstreamSchemes.stream().map(UpstreamScheme::scheme).collect(Collectors.toSet()));
	}

	@Bean
	@ConditionalOnMissingBean
	RouteLocatorBuilder routeLocatorBuilder(RouteCompiler sluiceRouteCompiler) {
		return new RouteLocatorBuilder(sluiceRouteCompiler);
	}

	@Bean
	PropertiesRouteLocator propertiesRouteLocator(RouteCompiler sluiceRouteCompiler, SluiceProperties properties,
			Environment environment) {
		return new PropertiesRouteLocator(sluiceRouteCompiler, properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	RouteTable sluiceRouteTable(ObjectProvider<RouteLocator> locators, ObjectProvider<GlobalFilter> globalFilters) {
		return new RouteTable(() -> locators.orderedStream().flatMap((locator) -> locator.getRoutes().stream())
			.toList(), globalFilters.orderedStream().toList());
	}

	@Bean
	RoutesReport sluiceRoutesReport(RouteTable sluiceRouteTable) {
		return new RoutesReport(sluiceRouteTable);
	}

	@Bean
	@ConditionalOnMissingBean
	GatewayWebHandler sluiceGatewayWebHandler(HttpClient sluiceHttpClient, ResponseWriterSelector writerSelector,
			ObjectProvider<BufferLedger> bufferLedger, SluiceHttpClientProperties httpClientProperties,
			ObjectProvider<UpstreamTls> upstreamTls, ObjectProvider<ForwardedHeaders> forwardedHeaders,
			SluiceMetricsProperties metricsProperties, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ExchangeListener> exchangeListener, ListableBeanFactory beanFactory) {
		ObservationRegistry observations = observesUpstreamCalls(metricsProperties, beanFactory)
				? observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP;
		return new GatewayWebHandler(sluiceHttpClient, writerSelector, bufferLedger.getIfAvailable(),
				httpClientProperties.isLoopAffinity(), upstreamTls.getIfAvailable(UpstreamTls::defaults),
				forwardedHeaders.getIfAvailable(() -> ForwardedHeaders.NONE), observations,
				exchangeListener.getIfUnique(), positive(httpClientProperties.getRequestBodyIdleTimeout()));
	}

	/**
	 * Whether upstream calls are observed: as the property says, or, when it is not set, when
	 * Micrometer Tracing is present with a real tracer, so that metrics alone do not pay for a
	 * second observation per request.
	 */
	private static boolean observesUpstreamCalls(SluiceMetricsProperties properties, ListableBeanFactory beanFactory) {
		Boolean enabled = properties.getHttpClient().getEnabled();
		if (!properties.isEnabled() || Boolean.FALSE.equals(enabled)) {
			return false;
		}
		if (enabled != null) {
			return true;
		}
		ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		if (!ClassUtils.isPresent(TRACER, classLoader)) {
			return false;
		}
		Class<?> type = ClassUtils.resolveClassName(TRACER, classLoader);
		Object tracer = beanFactory.getBeanProvider(type).getIfUnique();
		// Spring Boot puts Tracer.NOOP in place when Micrometer Tracing has no bridge or its
		// export is off: nothing is traced then.
		return tracer != null && tracer != ReflectionUtils.getField(ReflectionUtils.findField(type, "NOOP"), null);

	}

	private static @Nullable Duration positive(@Nullable Duration duration) {
		return (duration != null && !duration.isNegative() && !duration.isZero()) ? duration : null;	}

	@Bean
	@ConditionalOnBooleanProperty("sluice.http-client.ssl.use-insecure-trust-manager")
	InsecureTrustWarning sluiceInsecureTrustWarning(RouteTable sluiceRouteTable, ObjectProvider<UpstreamTls> upstreamTls) {
		return new InsecureTrustWarning(sluiceRouteTable, upstreamTls.getIfAvailable(UpstreamTls::defaults));
	}

	@Bean
	@ConditionalOnMissingBean
	RouteHandlerMapping sluiceRouteHandlerMapping(RouteTable sluiceRouteTable, GatewayWebHandler sluiceGatewayWebHandler,
			ObjectProvider<WebSocketRoutingHandler> webSocketRoutingHandler) {
		// With WebSocket proxying on, its handler takes the handshakes and passes the rest on.
		WebSocketRoutingHandler webSocket = webSocketRoutingHandler.getIfAvailable();
		return new RouteHandlerMapping(sluiceRouteTable, (webSocket != null) ? webSocket : sluiceGatewayWebHandler,
				HANDLER_MAPPING_ORDER);
	}


}
