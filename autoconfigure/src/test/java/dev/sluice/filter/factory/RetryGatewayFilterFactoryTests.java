package dev.sluice.filter.factory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.arguments.RouteDefinitionException;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static dev.sluice.test.Definitions.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RetryGatewayFilterFactory} on its own.
 */
class RetryGatewayFilterFactoryTests {

	private final RetryGatewayFilterFactory factory = new RetryGatewayFilterFactory();

	@Test
	void neverRetriesOnceTheResponseIsCommitted() {
		GatewayFilter retry = filter(this.factory, "Retry=3");
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		AtomicInteger attempts = new AtomicInteger();
		Mono<Void> filtered = retry.filter(exchange, (ex) -> {
			attempts.incrementAndGet();
			return ex.getResponse().setComplete().then(Mono.error(new IOException("broke after commit")));
		});
		StepVerifier.create(filtered).expectError(IOException.class).verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void putsBackTheResponseHeadersBeforeEachNewAttempt() {
		GatewayFilter retry = filter(this.factory, "Retry=3,BAD_GATEWAY");
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		exchange.getResponse().getHeaders().set("X-Before", "kept");
		AtomicInteger attempts = new AtomicInteger();
		Mono<Void> filtered = retry.filter(exchange, (ex) -> Mono.fromRunnable(() -> {
			int attempt = attempts.incrementAndGet();
			ex.getResponse().getHeaders().add("X-Attempt", Integer.toString(attempt));
			ex.getResponse().setStatusCode((attempt < 3) ? HttpStatus.BAD_GATEWAY : HttpStatus.OK);
		}));
		StepVerifier.create(filtered).verifyComplete();
		assertThat(attempts).hasValue(3);
		assertThat(exchange.getResponse().getHeaders().get("X-Attempt")).containsExactly("3");
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Before")).isEqualTo("kept");
	}

	@Test
	void readsEveryShortcutPositionAsSpringCloudGatewayDocuments() {
		GatewayFilter retry = filter(this.factory, "Retry=2,INTERNAL_SERVER_ERROR,GET,10ms,50ms,2,false,0.5,100ms");
		assertThat(retry).isNotNull();
	}

	@Test
	void retriesOnlyTheConfiguredExceptions() {
		GatewayFilter retry = filter(this.factory, java.util.Map.of("retries", "2", "exceptions",
				"java.lang.IllegalStateException"));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		AtomicInteger attempts = new AtomicInteger();
		StepVerifier.create(retry.filter(exchange, (ex) -> {
			attempts.incrementAndGet();
			return Mono.error(new IOException("not configured"));
		})).expectError(IOException.class).verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void refusesAnUnknownExceptionClassOrSeries() {
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> filter(this.factory, java.util.Map.of("exceptions", "com.example.Nope")))
			.withMessageContaining("exception class 'com.example.Nope' was not found");
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> filter(this.factory, java.util.Map.of("series", "SERVER_ERRORS")))
			.satisfies((ex) -> assertThat(ex.getValidChoices()).contains("SERVER_ERROR", "CLIENT_ERROR"));
	}

}
