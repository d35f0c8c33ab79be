package dev.sluice.loadbalancer;

import java.net.URI;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.sluice.filter.GatewayFilterChain;
import dev.sluice.filter.GlobalFilter;
import dev.sluice.proxy.UpstreamFailure;
import dev.sluice.route.GatewayAttributes;
import dev.sluice.route.Route;
import dev.sluice.route.UpstreamScheme;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves an {@code lb://service-id} route to one instance of the service on each attempt,
 * through Spring Cloud LoadBalancer, and points the proxy at it
 * ({@link GatewayAttributes#UPSTREAM_BASE_URI}). It runs after the route's own filters, so a
 * {@code Retry} filter, which runs the rest of the chain again, gets a new instance per attempt,
 * one the exchange has not tried whenever the service has one. A service without instances is
 * answered with a 503 that names it. Each attempt's outcome feeds passive outlier detection.
 */
public final class LoadBalancerClientFilter implements GlobalFilter, UpstreamScheme {

	/** Runs after route filters (ordered by position) and before the proxy call. */
	public static final int ORDER = 10_150;

	private static final Log logger = LogFactory.getLog(LoadBalancerClientFilter.class);

	private static final String ATTEMPTS = LoadBalancerClientFilter.class.getName() + ".attempts.";

	private final ReactiveLoadBalancer.Factory<ServiceInstance> balancers;

	private final InstanceStates states;

	private final InstanceChooser chooser;

	public LoadBalancerClientFilter(ReactiveLoadBalancer.Factory<ServiceInstance> balancers, InstanceStates states) {
		this.balancers = balancers;
		this.states = states;
		this.chooser = new InstanceChooser(states);
	}

	@Override
	public String scheme() {
		return "lb";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(GatewayAttributes.ROUTE);
		if (route == null) {
			return chain.filter(exchange);
		}
		String service = InstanceStates.serviceId(route.uri());
		if (service == null) {
			return chain.filter(exchange);
		}
		ReactiveLoadBalancer<ServiceInstance> balancer = this.balancers.getInstance(service);
		if (balancer == null) {
			return noInstances(exchange, route, service);
		}
		// Per route: a fallback forwarded to another lb:// route starts afresh.
		Attempts attempts = (Attempts) exchange.getAttributes()
			.computeIfAbsent(ATTEMPTS + route.id(), (key) -> new Attempts());
		LoadBalancerProperties properties = this.balancers.getProperties(service);
		DefaultRequest<RequestDataContext> request = new DefaultRequest<>(context(exchange, properties, service, attempts));
		return this.chooser.choose(service, balancer, request, attempts.tried())
			.singleOptional()
			.flatMap((instance) -> instance.isPresent()
					? proceed(exchange, chain, route, service, instance.get(), properties, attempts)
					: noInstances(exchange, route, service));
	}

	private Mono<Void> proceed(ServerWebExchange exchange, GatewayFilterChain chain, Route route, String service,
			ServiceInstance instance, @Nullable LoadBalancerProperties properties, Attempts attempts) {
		URI base = InstanceChooser.baseUri(instance);
		String key = base.toString();
		if (logger.isDebugEnabled()) {
			logger.debug("Route " + route.id() + ": attempt " + (attempts.count() + 1) + " for service '" + service
					+ "' goes to " + key
					+ ((attempts.count() == 0) ? "" : " (tried before: " + attempts.describeTried() + ")"));
		}
		attempts.record(instance, key);
		exchange.getAttributes().put(GatewayAttributes.UPSTREAM_BASE_URI, secureIfAsked(route.uri(), base));
		ServerWebExchange next = StickySessions.withInstanceCookie(exchange, properties, instance);
		return chain.filter(next)
			.doOnSuccess((done) -> outcome(service, key, exchange.getResponse().getStatusCode()))
			.doOnError((error) -> {
				if (error instanceof UpstreamFailure failure && failure.getStatus() != HttpStatus.SERVICE_UNAVAILABLE) {
					this.states.failed(service, key);
				}
			});
	}

	/**
	 * Returns an instance's base URI with TLS when the route asks for it ({@code lb:wss://}),
	 * whether or not the instance says it is secure.
	 */
	private static URI secureIfAsked(URI route, URI base) {
		boolean tlsAsked = route.getRawSchemeSpecificPart().regionMatches(true, 0, "wss://", 0, "wss://".length());
		return (tlsAsked && "http".equals(base.getScheme())) ? URI.create("https" + base.toString().substring(4)) : base;
	}

	private void outcome(String service, String instance, @Nullable HttpStatusCode status) {
		if (status != null && status.is5xxServerError()) {
			this.states.failed(service, instance);
		}
		else {
			this.states.succeeded(service, instance);
		}
	}

	private static RequestDataContext context(ServerWebExchange exchange, @Nullable LoadBalancerProperties properties,
			String service, Attempts attempts) {
		RequestData data = new RequestData(exchange.getRequest());
		String hint = hint(properties, service);
		ServiceInstance previous = attempts.last();
		// Spring Cloud LoadBalancer's retry-aware instance supplier, when configured, avoids the previous one.
		return (previous != null) ? new RetryableRequestContext(previous, data, hint) : new RequestDataContext(data, hint);
	}

	private static String hint(@Nullable LoadBalancerProperties properties, String service) {
		Map<String, String> hints = (properties != null) ? properties.getHint() : Map.of();
		String fallback = hints.getOrDefault("default", "default");
		return hints.getOrDefault(service, fallback);
	}


	/**
	 * Fails the attempt with a 503 the proxy answers, rather than answering it here, so that a
	 * circuit breaker around the call sees a failure and can answer with its fallback.
	 */
	private static Mono<Void> noInstances(ServerWebExchange exchange, Route route, String service) {
		return Mono.error(UpstreamFailure.unavailable("No instances available for service '" + service + "'"));
	}

}
