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
	void leavesTheHostToTheUpstreamUriUnlessPreserved() {
		HttpHeaders upstream = copied(MockServerHttpRequest.get("http://client.example.org:8443/a")
			.header("Host", "client.example.org:8443")
			.header("X-Kept", "1")
			.build(), false);
		assertThat(upstream.contains("Host")).isFalse();
		assertThat(upstream.get("X-Kept")).isEqualTo("1");
	}

	private static HttpHeaders copied(MockServerHttpRequest request, boolean preserveHost) {
		HttpHeaders upstream = new DefaultHttpHeaders();
		ProxyClient.copyRequestHeaders(request, upstream, preserveHost);
		return upstream;
	}

}
