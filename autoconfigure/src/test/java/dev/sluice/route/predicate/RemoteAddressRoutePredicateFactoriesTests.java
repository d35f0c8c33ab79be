package dev.sluice.route.predicate;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.http.NameLookups;
import dev.sluice.route.RoutePredicate;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static dev.sluice.test.Definitions.predicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the RemoteAddr and XForwardedRemoteAddr predicates.
 */
class RemoteAddressRoutePredicateFactoriesTests {

	@Test
	void remoteAddrMatchesPeersInsideAnyRange() {
		RoutePredicate predicate = predicate(new RemoteAddrRoutePredicateFactory(), "RemoteAddr=192.168.1.1/24,10.0.0.7,2001:db8::/32");
		assertThat(predicate.test(from("192.168.1.10"))).isTrue();
		assertThat(predicate.test(from("192.168.2.10"))).isFalse();
		assertThat(predicate.test(from("10.0.0.7"))).isTrue();
		assertThat(predicate.test(from("10.0.0.8"))).isFalse();
		assertThat(predicate.test(from("2001:db8:0:1::5"))).isTrue();
		assertThat(predicate.test(from("2001:db9::5"))).isFalse();
	}

	@Test
	void remoteAddrHandlesMasksThatSplitAByte() {
		RoutePredicate predicate = predicate(new RemoteAddrRoutePredicateFactory(), "RemoteAddr=172.16.0.0/12");
		assertThat(predicate.test(from("172.31.255.255"))).isTrue();
		assertThat(predicate.test(from("172.32.0.1"))).isFalse();
	}

	@Test
	void remoteAddrRefusesHostNamesAndBadMasks() {
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> predicate(new RemoteAddrRoutePredicateFactory(), "RemoteAddr=example.org/24"))
			.withMessageContaining("is not an IP address or CIDR range");
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> predicate(new RemoteAddrRoutePredicateFactory(), "RemoteAddr=10.0.0.1/33"))
			.withMessageContaining("invalid mask");
	}

	@Test
	void xForwardedRemoteAddrUsesTheLastForwardedEntry() {
		RoutePredicate predicate = predicate(new XForwardedRemoteAddrRoutePredicateFactory(), "XForwardedRemoteAddr=192.168.1.1/24");
		assertThat(predicate.test(forwarded("10.0.0.1", "0.0.0.1, 192.168.1.10"))).isTrue();
		assertThat(predicate.test(forwarded("10.0.0.1", "192.168.1.10, 0.0.0.1"))).isFalse();
		assertThat(predicate.test(forwarded("192.168.1.20", null))).isTrue();
	}

	@Test
	void xForwardedRemoteAddrCountsMaxTrustedIndexEntriesFromTheRight() {
		RoutePredicate predicate = predicate(new XForwardedRemoteAddrRoutePredicateFactory(), Map.of("sources", "192.168.1.10", "maxTrustedIndex", "2"));
		assertThat(predicate.test(forwarded("10.0.0.1", "192.168.1.10, 10.0.0.9"))).isTrue();
		assertThat(predicate.test(forwarded("10.0.0.1", "10.0.0.9, 192.168.1.10"))).isFalse();
		// A list shorter than the trusted hops: its leftmost entry is the client.
		assertThat(predicate.test(forwarded("10.0.0.1", "192.168.1.10"))).isTrue();
	}

	@Test
	void xForwardedRemoteAddrIgnoresNamesInTheList() {
		RoutePredicate predicate = predicate(new XForwardedRemoteAddrRoutePredicateFactory(), "XForwardedRemoteAddr=0.0.0.0/0");
		assertThat(predicate.test(forwarded("10.0.0.1", "192.168.1.10, localhost"))).isFalse();
	}

	@Test
	void xForwardedRemoteAddrNeverLooksUpAnEntryThatIsNoLiteral() {
		RoutePredicate predicate = predicate(new XForwardedRemoteAddrRoutePredicateFactory(), "XForwardedRemoteAddr=0.0.0.0/0");
		List<String> lookedUp = NameLookups.during(() -> {
			assertThat(predicate.test(forwarded("10.0.0.1", "q:1"))).isFalse();
			assertThat(predicate.test(forwarded("10.0.0.1", "1.2.3.4.5"))).isFalse();
		});
		assertThat(lookedUp).isEmpty();
	}

	@Test
	void remoteAddrNeverLooksUpARangeThatIsNoLiteral() {
		List<String> lookedUp = NameLookups.during(() -> assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> predicate(new RemoteAddrRoutePredicateFactory(), "RemoteAddr=q:1/24")));
		assertThat(lookedUp).isEmpty();
	}

	@Test
	void xForwardedRemoteAddrRefusesAMaxTrustedIndexBelowOne() {
		assertThatExceptionOfType(RouteDefinitionException.class)
			.isThrownBy(() -> predicate(new XForwardedRemoteAddrRoutePredicateFactory(), Map.of("sources", "10.0.0.1", "maxTrustedIndex", "0")))
			.withMessageContaining("maxTrustedIndex")
			.withMessageContaining("must be 1 or more");
	}

	private static MockServerWebExchange from(String address) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress(address, 4000)));
	}

	private static MockServerWebExchange forwarded(String peer, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress(peer, 4000));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return MockServerWebExchange.from(request);
	}

}
