package dev.sluice.loadbalancer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.InstanceUpstream;
import dev.sluice.test.ProxyTest;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lb://} routes through Spring Cloud LoadBalancer (static discovery) to real instances, on
 * each server, at paranoid leak detection: the spread over instances, a retry that moves to another
 * instance, a service without instances, and an instance ejected by outlier detection and admitted
 * again.
 */
@ExtendWith(OutputCaptureExtension.class)
@GatewayApp(configurations = LoadBalancerIntegrationTests.Fallback.class, properties = {
		"spring.cloud.discovery.client.simple.instances.spread[0].uri=${lb.spread-a}",
		"spring.cloud.discovery.client.simple.instances.spread[1].uri=${lb.spread-b}",
		"spring.cloud.discovery.client.simple.instances.spread[2].uri=${lb.spread-c}",
		"spring.cloud.discovery.client.simple.instances.halfdown[0].uri=http://127.0.0.1:1",
		"spring.cloud.discovery.client.simple.instances.halfdown[1].uri=${lb.halfdown-up}",
		"spring.cloud.discovery.client.simple.instances.combo[0].uri=http://127.0.0.1:1",
		"spring.cloud.discovery.client.simple.instances.combo[1].uri=${lb.halfdown-up}",
		"spring.cloud.discovery.client.simple.instances.outlier[0].uri=${lb.outlier-good}",
		"spring.cloud.discovery.client.simple.instances.outlier[1].uri=${lb.outlier-bad}",
		"sluice.load-balancer.outlier-detection.consecutive-failures=2",
		"sluice.load-balancer.outlier-detection.ejection-time=3s",
		"sluice.load-balancer.outlier-detection.max-ejected-share=0.5",
		"spring.cloud.discovery.client.simple.instances.sticky[0].uri=${lb.sticky-1}",
		"spring.cloud.discovery.client.simple.instances.sticky[0].instance-id=sticky-1",
		"spring.cloud.discovery.client.simple.instances.sticky[1].uri=${lb.sticky-2}",
		"spring.cloud.discovery.client.simple.instances.sticky[1].instance-id=sticky-2",
		"spring.cloud.loadbalancer.configurations=request-based-sticky-session",
		"spring.cloud.loadbalancer.clients.sticky.sticky-session.add-service-instance-cookie=true",
		"management.endpoints.web.exposure.include=gateway",
		"logging.level.dev.sluice.loadbalancer=debug",
		"sluice.routes[0].id=spread",
		"sluice.routes[0].uri=lb://spread",
		"sluice.routes[0].predicates[0]=Path=/spread/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[1].id=halfdown",
		"sluice.routes[1].uri=lb://halfdown",
		"sluice.routes[1].predicates[0]=Path=/halfdown/**",
		"sluice.routes[1].filters[0]=StripPrefix=1",
		"sluice.routes[1].filters[1]=Retry=2",
		"sluice.routes[2].id=ghost",
		"sluice.routes[2].uri=lb://ghost",
		"sluice.routes[2].predicates[0]=Path=/ghost/**",
		"sluice.routes[3].id=outlier",
		"sluice.routes[3].uri=lb://outlier",
		"sluice.routes[3].predicates[0]=Path=/outlier/**",
		"sluice.routes[3].filters[0]=StripPrefix=1",
		"sluice.routes[4].id=sticky",
		"sluice.routes[4].uri=lb://sticky",
		"sluice.routes[4].predicates[0]=Path=/sticky/**",
		"sluice.routes[4].filters[0]=StripPrefix=1",
		"sluice.routes[5].id=combo",
		"sluice.routes[5].uri=lb://combo",
		"sluice.routes[5].predicates[0]=Path=/combo/**",
		"sluice.routes[5].filters[0]=StripPrefix=1",
		"sluice.routes[5].filters[1].name=CircuitBreaker",
		"sluice.routes[5].filters[1].args.fallbackUri=forward:/local-fallback",
		"sluice.routes[5].filters[2]=Retry=2",
		"sluice.routes[6].id=combo-ghost",
		"sluice.routes[6].uri=lb://ghost",
		"sluice.routes[6].predicates[0]=Path=/combo-ghost/**",
		"sluice.routes[6].filters[0].name=CircuitBreaker",
		"sluice.routes[6].filters[0].args.fallbackUri=forward:/local-fallback",
		"sluice.routes[6].filters[1]=Retry=2" })
class LoadBalancerIntegrationTests {

	private static final InstanceUpstream SPREAD_A = instance("spread-a");

	private static final InstanceUpstream SPREAD_B = instance("spread-b");

	private static final InstanceUpstream SPREAD_C = instance("spread-c");

	private static final InstanceUpstream HALFDOWN_UP = instance("halfdown-up");

	private static final InstanceUpstream OUTLIER_GOOD = instance("outlier-good");

	private static final InstanceUpstream OUTLIER_BAD = instance("outlier-bad");

	private static final InstanceUpstream STICKY_1 = instance("sticky-1");

	private static final InstanceUpstream STICKY_2 = instance("sticky-2");

	private static InstanceUpstream instance(String name) {
		InstanceUpstream instance = InstanceUpstream.start(name);
		System.setProperty("lb." + name, instance.uri());
		return instance;
	}

	@ProxyTest
	void spreadsRequestsRoundRobinOverTheInstances(Gateway gateway) {
		Map<String, Integer> answeredBy = new TreeMap<>();
		for (int i = 0; i < 30; i++) {
			answeredBy.merge(gateway.get("/spread/who", 200), 1, Integer::sum);
		}
		assertThat(answeredBy).containsExactly(Map.entry("spread-a", 10), Map.entry("spread-b", 10),
				Map.entry("spread-c", 10));
		gateway.webTestClient()
			.get()
			.uri("/actuator/gateway")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.routes[0].id").isEqualTo("spread")
			.jsonPath("$.routes[0].instances.length()").isEqualTo(3)
			.jsonPath("$.routes[0].instances[*].uri")
			.value((uris) -> assertThat(uris).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactlyInAnyOrder(SPREAD_A.uri(), SPREAD_B.uri(), SPREAD_C.uri()))
			.jsonPath("$.routes[0].instances[*].lastOutcome")
			.value((outcomes) -> assertThat(outcomes).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsOnly("success"))
			.jsonPath("$.routes[0].instances[0].ejectedFor").doesNotExist()
			.jsonPath("$.routes[2].instances.length()").isEqualTo(0);
	}

	@ProxyTest
	void keepsAClientWithTheInstanceCookieOnItsInstance(Gateway gateway) {
		for (int i = 0; i < 6; i++) {
			gateway.webTestClient()
				.get()
				.uri("/sticky/who")
				.cookie("sc-lb-instance-id", "sticky-2")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Instance", "sticky-2")
				.expectHeader()
				.valueEquals("X-Cookie", "sc-lb-instance-id=sticky-2")
				.expectBody()
				.returnResult();
		}
		EntityExchangeResult<String> first = gateway.webTestClient()
			.get()
			.uri("/sticky/who")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		assertThat(first.getResponseHeaders().getFirst("X-Cookie"))
			.isEqualTo("sc-lb-instance-id=" + first.getResponseBody());
	}

	@ProxyTest
	void retriesOnAnotherInstanceWhenOneIsDown(Gateway gateway, CapturedOutput output) {
		for (int i = 0; i < 10; i++) {
			assertThat(gateway.get("/halfdown/who", 200)).isEqualTo("halfdown-up");
		}
		assertThat(output.getOut()).contains("Route halfdown: attempt 2 for service 'halfdown' goes to "
				+ HALFDOWN_UP.uri() + " (tried before: http://127.0.0.1:1)");
	}

	@ProxyTest
	void answers503NamingAServiceWithoutInstances(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/ghost/anything")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status").isEqualTo(503)
			.jsonPath("$.route").isEqualTo("ghost")
			.jsonPath("$.message").isEqualTo("No instances available for service 'ghost'");
	}

	@ProxyTest
	void ejectsAnInstanceThatKeepsFailingAndAdmitsItAgainLater(Gateway gateway) {
		OUTLIER_BAD.answer(500);
		try {
			int badHits = OUTLIER_BAD.hits();
			for (int i = 0; i < 10 && OUTLIER_BAD.hits() < badHits + 2; i++) {
				gateway.webTestClient().get().uri("/outlier/who").exchange().expectBody().returnResult();
			}
			assertThat(OUTLIER_BAD.hits()).isEqualTo(badHits + 2);
			for (int i = 0; i < 10; i++) {
				assertThat(gateway.get("/outlier/who", 200)).isEqualTo("outlier-good");
			}
			assertThat(OUTLIER_BAD.hits()).as("requests to the ejected instance").isEqualTo(badHits + 2);
			gateway.webTestClient()
				.get()
				.uri("/actuator/gateway")
				.exchange()
				.expectBody()
				.jsonPath("$.routes[3].instances[?(@.uri == '" + OUTLIER_BAD.uri() + "')].ejectedFor")
				.value((ejectedFor) -> assertThat(ejectedFor).asInstanceOf(InstanceOfAssertFactories.LIST)
					.singleElement()
					.asString()
					.startsWith("PT"))
				.jsonPath("$.routes[3].instances[?(@.uri == '" + OUTLIER_BAD.uri() + "')].lastOutcome")
				.value((outcome) -> assertThat(outcome).asInstanceOf(InstanceOfAssertFactories.LIST)
					.containsExactly("failure"));
			OUTLIER_BAD.answer(200);
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			boolean readmitted = false;
			while (!readmitted && System.nanoTime() < deadline) {
				readmitted = gateway.get("/outlier/who", 200).equals("outlier-bad");
			}
			assertThat(readmitted).as("instance admitted again after its ejection time").isTrue();
		}
		finally {
			OUTLIER_BAD.answer(200);
		}
	}

	@ProxyTest
	void runsASpringCloudGatewayRouteWithLbRetryAndACircuitBreakerFallback(Gateway gateway) {
		for (int i = 0; i < 10; i++) {
			assertThat(gateway.get("/combo/who", 200)).isEqualTo("halfdown-up");
		}
		assertThat(gateway.get("/combo-ghost/who", 200)).isEqualTo("fallback");
	}

	@Configuration(proxyBeanMethods = false)
	static class Fallback {

		@Bean
		RouterFunction<ServerResponse> localFallback() {
			return RouterFunctions.route(RequestPredicates.path("/local-fallback"),
					(request) -> ServerResponse.ok().bodyValue("fallback"));
		}

	}

}
