package dev.sluice.forwarded;

import java.net.InetAddress;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForwardedHop}.
 */
class ForwardedHopTests {

	@Test
	void tellsThePrefixAFilterRemoved() {
		assertThat(ForwardedHop.removedPrefix("/api/orders", "/orders")).isEqualTo("/api");
		assertThat(ForwardedHop.removedPrefix("/a/b/orders/", "/orders/")).isEqualTo("/a/b");
		assertThat(ForwardedHop.removedPrefix("/api", "/")).isEqualTo("/api");
		assertThat(ForwardedHop.removedPrefix("/api/", "/")).isEqualTo("/api");
	}

	@Test
	void tellsNoPrefixWhenNoneWasRemoved() {
		assertThat(ForwardedHop.removedPrefix("/orders", "/orders")).isNull();
		assertThat(ForwardedHop.removedPrefix("/orders", "/v1/orders")).isNull();
		assertThat(ForwardedHop.removedPrefix("/old/orders", "/new/items")).isNull();
		assertThat(ForwardedHop.removedPrefix("/", "/")).isNull();
	}

	@Test
	void joinsSeveralHeaderLinesIntoOneList() throws Exception {
		HttpHeaders headers = new DefaultHttpHeaders().add("X-Forwarded-For", "1.1.1.1").add("X-Forwarded-For", "2.2.2.2");
		hop(InetAddress.getByName("10.0.0.1"), "gw.example").addTo(headers, "/x");
		assertThat(headers.getAll("X-Forwarded-For")).containsExactly("1.1.1.1, 2.2.2.2, 10.0.0.1");
	}

	@Test
	void quotesIpv6AddressesAndHostsWithAPortInForwarded() throws Exception {
		HttpHeaders headers = new DefaultHttpHeaders();
		hop(InetAddress.getByName("::1"), "gw.example:8443").addTo(headers, "/x");
		assertThat(headers.get("Forwarded")).isEqualTo("for=\"[0:0:0:0:0:0:0:1]\";proto=https;host=\"gw.example:8443\"");
		assertThat(headers.get("X-Forwarded-For")).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(headers.get("X-Forwarded-Port")).isEqualTo("8443");
	}

	@Test
	void leavesATokenHostUnquoted() throws Exception {
		HttpHeaders headers = new DefaultHttpHeaders();
		hop(InetAddress.getByName("10.0.0.1"), "gw.example").addTo(headers, "/x");
		assertThat(headers.get("Forwarded")).isEqualTo("for=10.0.0.1;proto=https;host=gw.example");
	}

	private static ForwardedHop hop(InetAddress peer, String host) {
		return new ForwardedHop(peer, "https", host, 8443, "/x", true);
	}

}
