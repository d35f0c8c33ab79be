package dev.sluice.proxy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link ProxyClient} copies a client's request headers, in particular the host it preserves.
 */
class ProxyClientTests {

	@Test
	void preservesTheClientsHostHeader() {
		HttpHeaders upstream = copied(MockServerHttpRequest.get("http://127.0.0.1:8080/a")
			.header("Host", "client.example.org")
			.build(), true);
		assertThat(upstream.getAll("Host")).containsExactly("client.example.org");
	}

	@Test
	void preservesTheAuthorityOfARequestWithoutHostHeaderAsHost() {
		// Tomcat over HTTP/2: the client's :authority is in the request's URI, not in its headers.
		HttpHeaders upstream = copied(MockServerHttpRequest.get("http://client.example.org:8443/a").build(), true);
		assertThat(upstream.getAll("Host")).containsExactly("client.example.org:8443");
	}

	@Test
	void leavesTheHostOfTheUpstreamUriUnlessPreserved() {
		HttpHeaders upstream = copied(MockServerHttpRequest.get("http://client.example.org:8443/a")
			.header("Host", "client.example.org:8443")
			.header("X-Kept", "1")
			.build(), false);
		assertThat(upstream.getAll("Host")).containsExactly("upstream.internal:9090");
		assertThat(upstream.get("X-Kept")).isEqualTo("1");
	}

	private static HttpHeaders copied(MockServerHttpRequest request, boolean preserveHost) {
		// Reactor Netty's client has set the Host of the upstream's URI when the headers are copied.
		HttpHeaders upstream = new DefaultHttpHeaders().set("Host", "upstream.internal:9090");
		ProxyClient.copyRequestHeaders(request, upstream, preserveHost);
		return upstream;
	}

}
