package dev.sluice.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HopByHopHeaders}.
 */
class HopByHopHeadersTests {

	@Test
	void dropsHopByHopHeadersAndThoseTheConnectionHeaderNamesWhateverTheirCase() {
		List<Map.Entry<String, String>> headers = List.of(Map.entry("Connection", "keep-alive, X-Hop"),
				Map.entry("KEEP-ALIVE", "timeout=5"), Map.entry("te", "trailers"),
				Map.entry("Transfer-Encoding", "chunked"), Map.entry("x-hop", "1"), Map.entry("Upgrade", "h2c"),
				Map.entry("Proxy-Authorization", "Basic x"), Map.entry("X-End-To-End", "kept"),
				Map.entry("Content-Length", "12"), Map.entry("Host", "example.org"));
		List<String> forwarded = new ArrayList<>();
		HopByHopHeaders.forEachEndToEnd(headers, List.of("keep-alive, X-Hop"), (name, value) -> forwarded.add(name));
		assertThat(forwarded).containsExactly("X-End-To-End", "Content-Length", "Host");
	}

	@Test
	void dropsTheHeadersOfNettysHttp2TranslationAndKeepsOthersWithTheirPrefix() {
		List<Map.Entry<String, String>> headers = List.of(Map.entry("x-http2-scheme", "http"),
				Map.entry("x-http2-stream-id", "3"), Map.entry("X-HTTP2-Path", "/a"),
				Map.entry("x-http2-stream-promise-id", "2"), Map.entry("x-http2-stream-dependency-id", "1"),
				Map.entry("x-http2-stream-weight", "16"), Map.entry("x-http2-custom", "kept"), Map.entry("x-http", "kept"));
		List<String> forwarded = new ArrayList<>();
		HopByHopHeaders.forEachEndToEnd(headers, List.of(), (name, value) -> forwarded.add(name));
		assertThat(forwarded).containsExactly("x-http2-custom", "x-http");
	}

	@Test
	void readsEveryTokenOfEveryConnectionHeaderWhateverItsSpacing() {
		List<Map.Entry<String, String>> headers = List.of(Map.entry("X-One", "1"), Map.entry("x-two", "2"),
				Map.entry("X-Three", "3"), Map.entry("X-Kept", "4"), Map.entry("Keep-Alive", "timeout=5"));
		List<String> forwarded = new ArrayList<>();
		HopByHopHeaders.forEachEndToEnd(headers, List.of(",, X-One ,\tKEEP-ALIVE,X-Two,", "close", "x-three"),
				(name, value) -> forwarded.add(name));
		assertThat(forwarded).containsExactly("X-Kept");
	}

	@Test
	void forwardsEverythingElseWhenThereIsNoConnectionHeader() {
		List<String> forwarded = new ArrayList<>();
		HopByHopHeaders.forEachEndToEnd(List.of(Map.entry("X-A", "1"), Map.entry("Accept", "*/*")), List.of(),
				(name, value) -> forwarded.add(name));
		assertThat(forwarded).containsExactly("X-A", "Accept");
	}

	@Test
	void filtersAHeaderMapWalkedWithForEach() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Connection", "X-Hop");
		headers.add("connection", "close");
		headers.add("X-HOP", "1");
		headers.add("Proxy-Connection", "keep-alive");
		headers.add("Accept", "text/plain");
		headers.add("Accept", "text/html");
		List<String> forwarded = new ArrayList<>();
		HttpHeaders.readOnlyHttpHeaders(headers)
			.forEach(HopByHopHeaders.endToEndOnly(headers.get("Connection"),
					(name, values) -> forwarded.add(name + "=" + values)));
		assertThat(forwarded).containsExactly("Accept=[text/plain, text/html]");
	}

}
