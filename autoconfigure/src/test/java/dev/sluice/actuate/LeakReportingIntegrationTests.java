package dev.sluice.actuate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.sluice.test.ExpectLeaks;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.LeakDetectionExtension;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deliberately careless user filter swallows the upstream body without releasing it; the
 * gateway names the route within the grace period, counts the leak, and reports itself
 * unhealthy. This is the one test that opts out of the build's fail-on-leak rule.
 */
@ExpectLeaks
@GatewayApp(properties = { "sluice.routes[0].id=careless", "sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/careless/**", "sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.buffers.leak-grace=500ms", "management.endpoints.web.exposure.include=leaks,health",
		"management.endpoint.leaks.access=unrestricted",
		"management.endpoint.health.show-details=always" },
		configurations = LeakReportingIntegrationTests.CarelessFilterConfiguration.class)
class LeakReportingIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ProxyTest
	void namesTheRouteOfACarelessFilterCountsTheLeakAndTurnsHealthDown(Gateway gateway, ServerKind server)
			throws Exception {
		gateway.webTestClient().delete().uri("/actuator/leaks").exchange().expectStatus().is2xxSuccessful();
		double leaksBefore = leakCount(gateway, "ledger");
		// Sampled before the leak: a collection during the wait below may let Netty report it early.
		double nettyBefore = leakCount(gateway, "netty");
		gateway.webTestClient().get().uri("/careless/bytes/65536").exchange().expectStatus().isOk()
			.expectBody(String.class).isEqualTo("rewritten");
		await().atMost(TIMEOUT).untilAsserted(() -> gateway.webTestClient()
			.get()
			.uri("/actuator/leaks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.suspects[0].exchange.route")
			.isEqualTo("careless")
			.jsonPath("$.suspects[0].exchange.path")
			.isEqualTo("/careless/bytes/65536")
			.jsonPath("$.suspects[0].exchange.server")
			.isEqualTo(server.reportedName())
			.jsonPath("$.suspects[0].exchange.state")
			.isEqualTo("COMPLETE")
			.jsonPath("$.buffers.outstanding")
			.value((Integer outstanding) -> assertThat(outstanding).isPositive()));
		assertThat(leakCount(gateway, "ledger")).isEqualTo(leaksBefore + 1);
		gateway.webTestClient()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.bufferLeaks.status")
			.isEqualTo("LEAK_SUSPECTED")
			.jsonPath("$.components.bufferLeaks.details.latestSuspect.route")
			.isEqualTo("careless")
			.jsonPath("$.components.bufferLeaks.details.suspects")
			.value((Integer suspects) -> assertThat(suspects).isPositive())
			.jsonPath("$.components.bufferLeaks.details.outstanding")
			.value((Integer outstanding) -> assertThat(outstanding).isPositive());
		// At paranoid, Netty's own detector reports the swallowed buffers once they are collected.
		await().atMost(TIMEOUT).until(() -> {
			LeakDetectionExtension.collect();
			return leakCount(gateway, "netty") > nettyBefore;
		});
		byte[] report = gateway.webTestClient().get().uri("/actuator/leaks").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.nettyReports[0].resourceType").isEqualTo("ByteBuf")
			.returnResult().getResponseBody();
		Files.write(Path.of("target", "leaks-example-" + server.reportedName() + ".json"), report);
		gateway.webTestClient().delete().uri("/actuator/leaks").exchange().expectStatus().is2xxSuccessful();
		gateway.webTestClient().get().uri("/actuator/health").exchange().expectBody()
			.jsonPath("$.components.bufferLeaks.status").isEqualTo("UP");
	}

	private static double leakCount(Gateway gateway, String source) {
		return gateway.bean(MeterRegistry.class).find("sluice.leaks").tag("source", source).counters().stream()
			.mapToDouble((counter) -> counter.count()).sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class CarelessFilterConfiguration {

		/**
		 * Decorates the response of the careless route, drops the upstream body on the floor
		 * (every buffer taken, none released) and writes a body of its own.
		 */
		@Bean
		WebFilter carelessFilter() {
			return (exchange, chain) -> {
				if (!exchange.getRequest().getPath().value().startsWith("/careless")) {
					return chain.filter(exchange);
				}
				ServerHttpResponseDecorator careless = new ServerHttpResponseDecorator(exchange.getResponse()) {

					@Override
					public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
						return Mono.create((sink) -> Flux.from(body).subscribe(new BaseSubscriber<DataBuffer>() {

							@Override
							protected void hookOnNext(DataBuffer buffer) {
								// Swallowed, never released.
							}

							@Override
							protected void hookOnComplete() {
								sink.success();
							}

						})).then(Mono.defer(() -> {
							// Answers with a body of its own, as a rewriting filter would.
							byte[] replacement = "rewritten".getBytes(StandardCharsets.UTF_8);
							getDelegate().getHeaders().setContentLength(replacement.length);
							return getDelegate().writeWith(Mono.just(bufferFactory().wrap(replacement)));
						}));
					}

					@Override
					public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
						return writeWith(Flux.from(body).concatMap(Flux::from));
					}

				};
				return chain.filter(exchange.mutate().response(careless).build());
			};
		}

	}

}
