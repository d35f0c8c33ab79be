package dev.sluice.observation;

import java.time.Duration;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace crosses the gateway: with Micrometer Tracing's OpenTelemetry bridge present, the
 * upstream call is a client span, child of the server's span, that names the route, and the
 * upstream receives that span's W3C {@code traceparent}.
 */
@GatewayApp(properties = {
		"management.tracing.export.enabled=true",
		"management.tracing.sampling.probability=1.0",
		"sluice.routes[0].id=hello",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/hello/**",
		"sluice.routes[0].filters[0]=StripPrefix=1" },
		configurations = TracingIntegrationTests.InMemorySpans.class)
class TracingIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");

	private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

	@ProxyTest
	void makesTheUpstreamCallAChildSpanOfTheServersAndPropagatesIt(Gateway gateway) {
		String[] traceparent = upstreamTraceparent(gateway, null);
		String traceId = traceparent[1];
		SpanData client = span(gateway, traceId, SpanKind.CLIENT);
		SpanData server = span(gateway, traceId, SpanKind.SERVER);
		assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(client.getAttributes().get(ROUTE)).isEqualTo("hello");
		assertThat(server.getAttributes().get(HTTP_ROUTE)).isEqualTo("/hello/**");
		// The upstream's parent is the gateway's client span.
		assertThat(traceparent[2]).isEqualTo(client.getSpanId());
	}

	@ProxyTest
	void continuesTheClientsTraceAndReplacesItsTraceparentUpstream(Gateway gateway) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String callerSpan = "00f067aa0ba902b7";
		String[] traceparent = upstreamTraceparent(gateway, "00-" + traceId + "-" + callerSpan + "-01");
		assertThat(traceparent[1]).isEqualTo(traceId);
		SpanData server = span(gateway, traceId, SpanKind.SERVER);
		SpanData client = span(gateway, traceId, SpanKind.CLIENT);
		assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
		assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(traceparent[2]).isEqualTo(client.getSpanId()).isNotEqualTo(callerSpan);
	}

	/**
	 * Sends a request to the upstream's {@code /request-headers} and returns the
	 * {@code traceparent} it received, split into version, trace id, parent id and flags.
	 */
	private static String[] upstreamTraceparent(Gateway gateway, String sent) {
		String headers = gateway.webTestClient()
			.get()
			.uri("/hello/request-headers")
			.headers((h) -> {
				if (sent != null) {
					h.add("traceparent", sent);
				}
			})
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<String> values = headers.lines()
			.filter((line) -> line.toLowerCase().startsWith("traceparent: "))
			.map((line) -> line.substring("traceparent: ".length()))
			.toList();
		assertThat(values).hasSize(1);
		String[] parts = values.get(0).split("-");
		assertThat(parts).hasSize(4);
		return parts;
	}

	private static SpanData span(Gateway gateway, String traceId, SpanKind kind) {
		InMemorySpanExporter exporter = gateway.bean(Spans.class).exporter();
		await().atMost(TIMEOUT).until(() -> exporter.getFinishedSpanItems().stream()
			.anyMatch((span) -> span.getTraceId().equals(traceId) && span.getKind() == kind));
		List<SpanData> spans = exporter.getFinishedSpanItems().stream()
			.filter((span) -> span.getTraceId().equals(traceId) && span.getKind() == kind)
			.toList();
		assertThat(spans).as(kind + " spans of " + traceId).hasSize(1);
		return spans.get(0);
	}

	record Spans(InMemorySpanExporter exporter) {
	}

	@Configuration(proxyBeanMethods = false)
	static class InMemorySpans {

		// Not a SpanExporter bean, which Spring Boot would also export to, in batches.
		private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

		@Bean
		Spans inMemorySpans() {
			return new Spans(this.exporter);
		}

		@Bean
		SpanProcessor inMemorySpanProcessor() {
			// Exports each span as it ends.
			return SimpleSpanProcessor.create(this.exporter);
		}

	}

}
