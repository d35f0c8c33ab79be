package dev.sluice.observation;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import org.jspecify.annotations.Nullable;

import dev.sluice.proxy.ExchangeListener;
import dev.sluice.proxy.UpstreamOutcome;
import dev.sluice.route.Route;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Times every proxied exchange as {@code sluice.requests}, tagged {@code route}, {@code route.uri}
 * (scheme and authority), {@code method}, {@code status}, {@code outcome} and
 * {@code upstream.outcome}; optionally also as Spring Cloud Gateway's
 * {@code spring.cloud.gateway.requests}, with its tag names and values, so that dashboards built
 * for it keep working.
 * <p>
 * No tag carries the request's path, so the number of series is bounded by routes × methods ×
 * statuses × outcomes. The timers of each combination are looked up once and cached per route.
 */
public final class RouteRequestMetrics implements ExchangeListener {

	/** Name of the timer. */
	public static final String REQUESTS = "sluice.requests";

	/** Name of the timer Spring Cloud Gateway publishes. */
	public static final String SCG_REQUESTS = "spring.cloud.gateway.requests";

	private static final String UNKNOWN = "UNKNOWN";

	private static final HttpMethod[] METHODS = HttpMethod.values();

	private final MeterRegistry registry;

	private final boolean scgCompatible;

	private final Map<Route, RouteTimers> byRoute = new ConcurrentHashMap<>();

	/**
	 * Creates the meters.
	 * @param registry where the timers are registered
	 * @param scgCompatible whether each exchange is also timed under Spring Cloud Gateway's name
	 */
	public RouteRequestMetrics(MeterRegistry registry, boolean scgCompatible) {
		this.registry = registry;
		this.scgCompatible = scgCompatible;
	}

	@Override
	public void ended(ServerWebExchange exchange, Route route, UpstreamOutcome outcome, long startNanos) {
		long duration = System.nanoTime() - startNanos;
		int status = statusOf(exchange.getResponse());
		int method = methodIndex(exchange.getRequest().getMethod());
		RouteTimers timers = this.byRoute.get(route);
		if (timers == null) {
			timers = this.byRoute.computeIfAbsent(route, RouteTimers::new);
		}
		// A client that left gets no status, as in http.server.requests.
		int tagged = (outcome == UpstreamOutcome.CLIENT_CANCEL) ? -1 : status;
		Timer[] pair = timers.timers(method, tagged, status, outcome);
		pair[0].record(duration, TimeUnit.NANOSECONDS);
		if (pair.length > 1) {
			pair[1].record(duration, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Forgets the cached timers of routes no longer in force (after a refresh); the meters stay
	 * registered, with their counts.
	 */
	public void forgetRoutes() {
		this.byRoute.clear();
	}

	/**
	 * The response's status, or -1 when it has none. On Tomcat a response that no filter gave a
	 * status reads the Servlet response's, which throws once Tomcat recycled it (a client whose
	 * malformed body ended the exchange early): that exchange has no status to tag.
	 */
	private static int statusOf(ServerHttpResponse response) {
		try {
			HttpStatusCode statusCode = response.getStatusCode();
			return (statusCode != null) ? statusCode.value() : -1;
		}
		catch (IllegalStateException recycled) {
			return -1;
		}
	}

	private static int methodIndex(HttpMethod method) {
		for (int i = 0; i < METHODS.length; i++) {
			if (METHODS[i] == method) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * One route's timers, by method, status and upstream outcome.
	 */
	private final class RouteTimers {

		private final Tags routeTags;

		private final @Nullable Tags scgRouteTags;

		private final Map<Long, Timer[]> timers = new ConcurrentHashMap<>();

		RouteTimers(Route route) {
			this.routeTags = Tags.of("route", route.id(), "route.uri", authority(route.uri()));
			this.scgRouteTags = RouteRequestMetrics.this.scgCompatible
					? Tags.of("routeId", route.id(), "routeUri", route.uri().toString()) : null;
		}

		Timer[] timers(int method, int tagged, int status, UpstreamOutcome outcome) {
			long key = ((long) (method + 1) << 40) | ((long) (tagged + 1) << 20) | ((long) (status + 1) << 4)
					| outcome.ordinal();
			Timer[] found = this.timers.get(key);
			return (found != null) ? found : this.timers.computeIfAbsent(key, (k) -> create(method, tagged, status, outcome));
		}

		private Timer[] create(int method, int tagged, int status, UpstreamOutcome outcome) {
			String methodName = (method >= 0) ? METHODS[method].name() : UNKNOWN;
			Timer timer = Timer.builder(REQUESTS)
				.description("Requests proxied by the gateway, per route")
				.tags(this.routeTags)
				.tag("method", methodName)
				.tag("status", (tagged >= 0) ? Integer.toString(tagged) : UNKNOWN)
				.tag("outcome", (tagged >= 0) ? Outcome.forStatus(tagged).name() : Outcome.UNKNOWN.name())
				.tag("upstream.outcome", outcome.value())
				.register(RouteRequestMetrics.this.registry);
			if (this.scgRouteTags == null) {
				return new Timer[] { timer };
			}
			return new Timer[] { timer, scgTimer(methodName, status) };
		}

		/**
		 * Spring Cloud Gateway's tags: {@code outcome} is the status's series
		 * ({@code SUCCESSFUL}, ...) and {@code status} its name ({@code OK}), {@code CUSTOM} for a
		 * status without one; {@code httpStatusCode} is the number, {@code NA} without a status.
		 */
		private Timer scgTimer(String methodName, int status) {
			HttpStatus resolved = (status >= 0) ? HttpStatus.resolve(status) : null;
			Tags tags = this.scgRouteTags.and("outcome", (resolved != null) ? resolved.series().name() : "CUSTOM",
					"status", (resolved != null) ? resolved.name() : "CUSTOM", "httpStatusCode",
					(status >= 0) ? Integer.toString(status) : "NA", "httpMethod", methodName);
			return Timer.builder(SCG_REQUESTS).tags(tags).register(RouteRequestMetrics.this.registry);
		}

	}

	private static String authority(URI uri) {
		String authority = uri.getRawAuthority();
		return uri.getScheme() + "://" + ((authority != null) ? authority : "");
	}

}
