package dev.sluice.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream body that breaks its framing, on both sides of the point where the client's
 * response is committed: before it, the client gets a 502 with the gateway's JSON; after it, the
 * client's connection is aborted, so it sees fewer bytes than declared and never a second status
 * line.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=raw",
		"sluice.routes[0].uri=${raw-upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/raw/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.routes[0].metadata.response-timeout=10s" })
class TruncatedResponseIntegrationTests {

	@ProxyTest
	void abortsTheClientConnectionWhenTheUpstreamBodyEndsShortOfItsContentLength(Gateway gateway) throws IOException {
		// 100 bytes stay in Tomcat's response buffer, 20,000 overflow it: both are past the commit.
		for (int sent : List.of(100, 20_000)) {
			int declared = sent * 10;
			try (RawHttp client = RawHttp.connect(gateway.port())) {
				String head = client.send("GET", "/raw/short?declared=" + declared + "&sent=" + sent).readHead();
				assertThat(head).as("sent " + sent)
					.startsWith("HTTP/1.1 200 ")
					.containsIgnoringCase("Content-Length: " + declared + "\r\n");
				String rest = client.readToEnd();
				assertThat(rest).as("sent " + sent).doesNotContain("HTTP/1.1").matches("x*");
				assertThat(rest.length()).as("sent " + sent).isLessThan(declared);
			}
		}
	}

	@ProxyTest
	void abortsTheClientConnectionWhenAChunkedUpstreamBodyEndsWithoutItsLastChunk(Gateway gateway)
			throws IOException {
		for (int sent : List.of(100, 20_000)) {
			try (RawHttp client = RawHttp.connect(gateway.port())) {
				String head = client.send("GET", "/raw/chunked-cut?sent=" + sent).readHead();
				assertThat(head).as("sent " + sent)
					.startsWith("HTTP/1.1 200 ")
					.containsIgnoringCase("Transfer-Encoding: chunked\r\n");
				String rest = client.readToEnd();
				assertThat(rest).as("sent " + sent).doesNotContain("HTTP/1.1").doesNotEndWith("0\r\n\r\n");
			}
		}
	}

	@ProxyTest
	void answersJson502WhenTheUpstreamClosesBeforeTheFirstByteOfItsBody(Gateway gateway) throws IOException {
		assertAnswersJson502(gateway, "/raw/short?declared=1000&sent=0");
	}

	@ProxyTest
	void answersJson502WhenTheUpstreamClosesBeforeOrWithinItsHead(Gateway gateway) throws IOException {
		assertAnswersJson502(gateway, "/raw/no-head");
		assertAnswersJson502(gateway, "/raw/partial-head");
	}

	private static void assertAnswersJson502(Gateway gateway, String path) throws IOException {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			String head = client.send("GET", path).readHead();
			assertThat(head).as(path).startsWith("HTTP/1.1 502 ").containsIgnoringCase("application/json");
			int length = contentLength(head);
			String body = new String(client.readUpTo(length), StandardCharsets.UTF_8);
			assertThat(body).as(path)
				.hasSize(length)
				.startsWith("{\"status\":502,")
				.contains("\"route\":\"raw\"")
				.endsWith("}");
		}
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		throw new AssertionError("No Content-Length in " + head);
	}

}
