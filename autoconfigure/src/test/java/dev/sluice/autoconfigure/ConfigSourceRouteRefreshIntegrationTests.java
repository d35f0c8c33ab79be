package dev.sluice.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.route.Route;
import dev.sluice.route.RouteTable;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes follow the config source through Spring Cloud's events, on each server, with a request in
 * flight at the upstream at the moment the routes change.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=old",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/bytes/**",
		"sluice.routes[0].filters[0]=AddResponseHeader=X-Route, old" })
class ConfigSourceRouteRefreshIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final AtomicInteger CUES = new AtomicInteger();

	private static final String NEW_ROUTES = "config-source";

	@ProxyTest
	void reloadsRoutesOnAnEnvironmentChangeWhileARequestIsInFlight(Gateway gateway) {
		Map<String, Object> newRoutes = newRoutes(gateway);
		try {
			String cue = "env-change-" + CUES.incrementAndGet();
			TestUpstream.get().cue(cue, () -> {
				sources(gateway).addFirst(new MapPropertySource(NEW_ROUTES, newRoutes));
				gateway.context().publishEvent(new EnvironmentChangeEvent(gateway.context(), newRoutes.keySet()));
			});
			assertThat(get(gateway, "/bytes/65536?cue=" + cue)).isEqualTo("old 65536");
			assertThat(routeIds(gateway)).containsExactly("new");
			assertThat(get(gateway, "/bytes/16")).isEqualTo("new 16");
		}
		finally {
			sources(gateway).remove(NEW_ROUTES);
			gateway.context().publishEvent(new EnvironmentChangeEvent(gateway.context(), newRoutes.keySet()));
		}
		assertThat(routeIds(gateway)).containsExactly("old");
		assertThat(get(gateway, "/bytes/16")).isEqualTo("old 16");
	}

	@ProxyTest
	void keepsTheRoutesWhenTheChangedKeysAreNotRouteProperties(Gateway gateway) {
		try {
			sources(gateway).addFirst(new MapPropertySource(NEW_ROUTES, newRoutes(gateway)));
			gateway.context()
				.publishEvent(new EnvironmentChangeEvent(gateway.context(), java.util.Set.of("logging.level.root",
						"sluice.http-client.connect-timeout")));
			assertThat(routeIds(gateway)).containsExactly("old");
			assertThat(get(gateway, "/bytes/16")).isEqualTo("old 16");
		}
		finally {
			sources(gateway).remove(NEW_ROUTES);
		}
	}

	@ProxyTest
	void reloadsRoutesWhenTheContextRefresherRefreshesWhileARequestIsInFlight(Gateway gateway) {
		ContextRefresher refresher = gateway.bean(ContextRefresher.class);
		try {
			String cue = "refresh-" + CUES.incrementAndGet();
			TestUpstream.get().cue(cue, () -> {
				sources(gateway).addFirst(new MapPropertySource(NEW_ROUTES, newRoutes(gateway)));
				refresher.refresh();
			});
			assertThat(get(gateway, "/bytes/65536?cue=" + cue)).isEqualTo("old 65536");
			assertThat(routeIds(gateway)).containsExactly("new");
			assertThat(get(gateway, "/bytes/16")).isEqualTo("new 16");
		}
		finally {
			sources(gateway).remove(NEW_ROUTES);
			refresher.refresh();
		}
		assertThat(routeIds(gateway)).containsExactly("old");
	}

	/**
	 * Whole routes in one property source: a list binds from the first source that has it.
	 */
	private static Map<String, Object> newRoutes(Gateway gateway) {
		Map<String, Object> routes = new LinkedHashMap<>();
		routes.put("sluice.routes[0].id", "new");
		routes.put("sluice.routes[0].uri", gateway.context().getEnvironment().getProperty("upstream.uri"));
		routes.put("sluice.routes[0].predicates[0]", "Path=/bytes/**");
		routes.put("sluice.routes[0].filters[0]", "AddResponseHeader=X-Route, new");
		return routes;
	}

	private static MutablePropertySources sources(Gateway gateway) {
		return gateway.context().getEnvironment().getPropertySources();
	}

	private static List<String> routeIds(Gateway gateway) {
		return gateway.bean(RouteTable.class).routes().stream().map(Route::id).toList();
	}

	/**
	 * Sends a GET and returns the route header of the answer and the size of its body.
	 */
	private static String get(Gateway gateway, String path) {
		return gateway.httpClient()
			.get()
			.uri(path)
			.responseSingle((response, body) -> body.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> response.status().code() + "/" + response.responseHeaders().get("X-Route") + " "
						+ bytes.length))
			.map((answer) -> answer.startsWith("200/") ? answer.substring(4) : answer)
			.block(TIMEOUT);
	}

}
