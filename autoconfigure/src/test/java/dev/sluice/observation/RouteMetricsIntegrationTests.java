package dev.sluice.observation;

import java.time.Duration;
import java.util.Collection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import reactor.core.publisher.Mono;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.ServerKind;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees in the meters: {@code sluice.requests} per route with the status and how
 * the upstream call ended, Spring Cloud Gateway's timer alongside, {@code http.server.requests}
 * with the route's path pattern, {@code http.client.requests} per upstream call, and the
 * connection pool's gauges.
 */
@GatewayApp(properties = {
		"sluice.metrics.scg-compatible=true",
		"sluice.metrics.http-client.enabled=true",
		"sluice.routes[0].id=hello",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/hello/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=down",
		"sluice.routes[1].uri=http://127.0.0.1:1",
		"sluice.routes[1].predicates[0]=Path=/down/**",
		"sluice.routes[2].id=slow",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/slow/{kind}/**",
		"sluice.routes[2].filters[0]=StripPrefix=2",
		"sluice.routes[2].metadata.response-timeout=300ms",
		"sluice.routes[3].id=hosted",
		"sluice.routes[3].uri=${upstream.uri}",
		"sluice.routes[3].predicates[0]=Header=X-Route, hosted" })
class RouteMetricsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ProxyTest
	void timesEachExchangePerRouteWithItsStatusAndUpstreamOutcome(Gateway gateway) {
		MeterRegistry registry = gateway.bean(MeterRegistry.class);
		long ok = count(registry, "hello", "200", "SUCCESS", "success");
		long notFound = count(registry, "hello", "404", "CLIENT_ERROR", "success");
		long badGateway = count(registry, "down", "502", "SERVER_ERROR", "connect-failure");
		long timedOut = count(registry, "slow", "504", "SERVER_ERROR", "timeout");
		gateway.get("/hello/status/200", 200);
		gateway.get("/hello/status/200", 200);
		gateway.get("/hello/status/404", 404);
		gateway.get("/down/x", 502);
		gateway.get("/slow/a/delay/3000", 504);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(count(registry, "hello", "200", "SUCCESS", "success")).isEqualTo(ok + 2);
			assertThat(count(registry, "hello", "404", "CLIENT_ERROR", "success")).isEqualTo(notFound + 1);
			assertThat(count(registry, "down", "502", "SERVER_ERROR", "connect-failure")).isEqualTo(badGateway + 1);
			assertThat(count(registry, "slow", "504", "SERVER_ERROR", "timeout")).isEqualTo(timedOut + 1);
		});
		Timer hello = requests(registry, "hello", "200", "SUCCESS", "success");
		assertThat(hello.getId().getTag("route.uri")).isEqualTo(TestUpstream.get().uri());
		assertThat(hello.getId().getTag("method")).isEqualTo("GET");
		assertThat(registry.find(RouteRequestMetrics.REQUESTS).tag("route", "down").timer().getId().getTag("route.uri"))
			.isEqualTo("http://127.0.0.1:1");
		// No tag carries the path: the paths of one route share a series per status.
		assertThat(registry.find(RouteRequestMetrics.REQUESTS).tags("route", "hello", "status", "200").timers())
			.hasSize(1);
	}

	@ProxyTest
	void publishesSpringCloudGatewaysTimerWithItsTagsWhenAskedTo(Gateway gateway) {
		MeterRegistry registry = gateway.bean(MeterRegistry.class);
		gateway.get("/hello/status/201", 201);
		gateway.get("/down/y", 502);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(registry.find(RouteRequestMetrics.SCG_REQUESTS)
				.tags("routeId", "hello", "routeUri", TestUpstream.get().uri(), "outcome", "SUCCESSFUL", "status",
						"CREATED", "httpStatusCode", "201", "httpMethod", "GET")
				.timer()).isNotNull();
			assertThat(registry.find(RouteRequestMetrics.SCG_REQUESTS)
				.tags("routeId", "down", "outcome", "SERVER_ERROR", "status", "BAD_GATEWAY", "httpStatusCode", "502")
				.timer()).isNotNull();
		});
	}

	@ProxyTest
	void tellsAnUpstreamResetFromASuccess(Gateway gateway) {
		MeterRegistry registry = gateway.bean(MeterRegistry.class);
		// The upstream resets after part of a sized body: the client's response is aborted.
		gateway.httpClient().get().uri("/hello/reset?bytes=32768").responseContent().then()
			.onErrorResume((error) -> Mono.empty()).block(TIMEOUT);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
				registry.find(RouteRequestMetrics.REQUESTS).tags("route", "hello", "upstream.outcome", "reset").timers())
			.isNotEmpty());
	}

	@ProxyTest
	void tellsAClientThatLeftFromAnUpstreamThatFailed(Gateway gateway, ServerKind server) throws Exception {
		MeterRegistry registry = gateway.bean(MeterRegistry.class);
		TestUpstream upstream = TestUpstream.get();
		int entered = upstream.stallsEntered();
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			client.send("GET", "/slow/b/stall");
			await().atMost(TIMEOUT).until(() -> upstream.stallsEntered() > entered);
		}
		// Reactor Netty sees the client leave at once; Tomcat only when it next writes, so there
		// the route's response timeout ends the call first.
		String expected = (server == ServerKind.REACTOR_NETTY) ? "client-cancel" : "timeout";
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Collection<Timer> timers = registry.find(RouteRequestMetrics.REQUESTS)
				.tags("route", "slow", "upstream.outcome", expected)
				.timers();
			assertThat(timers).isNotEmpty();
			if (server == ServerKind.REACTOR_NETTY) {
				assertThat(timers).allSatisfy((timer) -> assertThat(timer.getId().getTag("status")).isEqualTo("UNKNOWN"));
			}
		});
	}

	@ProxyTest
	void namesTheRoutesPathPatternInTheServersRequestMeter(Gateway gateway) {
		MeterRegistry registry = gateway.bean(MeterRegistry.class);
		gateway.get("/hello/status/200", 200);
		gateway.get("/slow/c/delay/3000", 504);
		gateway.webTestClient().get().uri("/status/202").header("X-Route", "hosted").exchange().expectStatus()
			.isEqualTo(202).expectBody(String.class).isEqualTo("status 202");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(registry.find("http.server.requests").tags("uri", "/hello/**", "status", "200").timer()).isNotNull();
			assertThat(registry.find("http.server.requests").tags("uri", "/slow/{kind}/**", "status", "504").timer())
				.isNotNull();
			// A route without a Path predicate matches every path.
			assertThat(registry.find("http.server.requests").tags("uri", "/**", "status", "202").timer()).isNotNull();
		});
		assertThat(registry.find("http.server.requests").tag("uri", "UNKNOWN").timers()).isEmpty();
	}

	@ProxyTest
	void observesEachUpstreamCallAsAClientRequest(Gateway gateway) {
		MeterRegistry registry = gateway.bean(MeterRegistry.class);
		gateway.get("/hello/status/200", 200);
		gateway.get("/down/z", 502);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(registry.find("http.client.requests")
				.tags("uri", "/hello/**", "method", "GET", "status", "200", "outcome", "SUCCESS", "client.name",
						"127.0.0.1", "exception", "none")
				.timer()).isNotNull();
			Timer down = registry.find("http.client.requests")
				.tags("uri", "/down/**", "status", "CLIENT_ERROR", "outcome", "UNKNOWN")
				.timer();
			assertThat(down).isNotNull();
			assertThat(down.getId().getTag("exception")).endsWith("ConnectException");
		});
	}

	@ProxyTest
	void publishesTheConnectionPoolsGauges(Gateway gateway) {
		MeterRegistry registry = gateway.bean(MeterRegistry.class);
		gateway.get("/hello/status/200", 200);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
				registry.find("reactor.netty.connection.provider.total.connections").tag("name", "sluice").gauges())
			.isNotEmpty());
	}

	private static long count(MeterRegistry registry, String route, String status, String outcome,
			String upstreamOutcome) {
		Timer timer = registry.find(RouteRequestMetrics.REQUESTS)
			.tags("route", route, "status", status, "outcome", outcome, "upstream.outcome", upstreamOutcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static Timer requests(MeterRegistry registry, String route, String status, String outcome,
			String upstreamOutcome) {
		Search search = registry.find(RouteRequestMetrics.REQUESTS)
			.tags("route", route, "status", status, "outcome", outcome, "upstream.outcome", upstreamOutcome);
		Timer timer = search.timer();
		assertThat(timer).as(route + " " + status + " " + upstreamOutcome).isNotNull();
		return timer;
	}

}
