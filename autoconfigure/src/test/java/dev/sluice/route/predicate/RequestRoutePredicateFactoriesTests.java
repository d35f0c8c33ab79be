package dev.sluice.route.predicate;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.route.GatewayAttributes;
import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.route.RoutePredicate;

import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static dev.sluice.test.Definitions.predicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the Cookie, Header, Host, Method and Query predicates.
 */
class RequestRoutePredicateFactoriesTests {

	@Test
	void cookieMatchesANamedCookieWhoseValueMatchesTheRegexp() {
		RoutePredicate predicate = predicate(new CookieRoutePredicateFactory(), "Cookie=chocolate, ch.p");
		assertThat(predicate.test(exchange(MockServerHttpRequest.get("/").cookie(new HttpCookie("chocolate", "chip")))))
			.isTrue();
		assertThat(predicate.test(exchange(MockServerHttpRequest.get("/").cookie(new HttpCookie("chocolate", "chips")))))
			.isFalse();
		assertThat(predicate.test(exchange(MockServerHttpRequest.get("/").cookie(new HttpCookie("vanilla", "chip")))))
			.isFalse();
	}

	@Test
	void cookieNeedsARegexp() {
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> predicate(new CookieRoutePredicateFactory(), "Cookie=chocolate"))
			.withMessageContaining("missing required argument 'regexp'");
	}

	@Test
	void headerMatchesAnyValueAgainstTheRegexpOrJustPresence() {
		RoutePredicate digits = predicate(new HeaderRoutePredicateFactory(), "Header=X-Request-Id, \\d+");
		assertThat(digits.test(exchange(MockServerHttpRequest.get("/").header("X-Request-Id", "abc", "123")))).isTrue();
		assertThat(digits.test(exchange(MockServerHttpRequest.get("/").header("x-request-id", "12a")))).isFalse();
		RoutePredicate present = predicate(new HeaderRoutePredicateFactory(), "Header=X-Request-Id");
		assertThat(present.test(exchange(MockServerHttpRequest.get("/").header("X-Request-Id", "anything")))).isTrue();
		assertThat(present.test(exchange(MockServerHttpRequest.get("/")))).isFalse();
	}

	@Test
	void headerRefusesABadRegexpNamingIt() {
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> predicate(new HeaderRoutePredicateFactory(), "Header=X-Id,[a-"))
			.withMessageContaining("'[a-' is not a valid regular expression");
	}

	@Test
	void hostMatchesAntPatternsAndCapturesVariables() {
		RoutePredicate predicate = predicate(new HostRoutePredicateFactory(), "Host=**.somehost.org,{sub}.myhost.org");
		assertThat(predicate.test(exchange(MockServerHttpRequest.get("/").header("Host", "www.somehost.org")))).isTrue();
		assertThat(predicate.test(exchange(MockServerHttpRequest.get("/").header("Host", "a.b.somehost.org:8080")))).isTrue();
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/").header("Host", "beta.myhost.org"));
		assertThat(predicate.test(exchange)).isTrue();
		assertThat(exchange.<Map<String, String>>getAttribute(GatewayAttributes.URI_TEMPLATE_VARIABLES))
			.containsEntry("sub", "beta");
		assertThat(predicate.test(exchange(MockServerHttpRequest.get("/").header("Host", "www.otherhost.org")))).isFalse();
	}

	@Test
	void methodMatchesAnyOfTheListedMethods() {
		RoutePredicate predicate = predicate(new MethodRoutePredicateFactory(), "Method=GET,post");
		assertThat(predicate.test(exchange(MockServerHttpRequest.get("/")))).isTrue();
		assertThat(predicate.test(exchange(MockServerHttpRequest.post("/")))).isTrue();
		assertThat(predicate.test(exchange(MockServerHttpRequest.delete("/")))).isFalse();
		RoutePredicate expanded = predicate(new MethodRoutePredicateFactory(),
				Map.of("methods[0]", "PUT", "methods[1]", "PATCH"));
		assertThat(expanded.test(exchange(MockServerHttpRequest.patch("/")))).isTrue();
	}

	@Test
	void queryMatchesAParameterOrAParameterWhoseValueMatches() {
		RoutePredicate present = predicate(new QueryRoutePredicateFactory(), "Query=green");
		assertThat(present.test(exchange(MockServerHttpRequest.get("/?green")))).isTrue();
		assertThat(present.test(exchange(MockServerHttpRequest.get("/?red=green")))).isFalse();
		RoutePredicate matching = predicate(new QueryRoutePredicateFactory(), "Query=red, gree.");
		assertThat(matching.test(exchange(MockServerHttpRequest.get("/?red=greet")))).isTrue();
		assertThat(matching.test(exchange(MockServerHttpRequest.get("/?red=blue&red=green")))).isTrue();
		assertThat(matching.test(exchange(MockServerHttpRequest.get("/?red=gree")))).isFalse();
	}

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return MockServerWebExchange.from(request);
	}

}
