package dev.sluice.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import io.netty.handler.codec.http2.HttpConversionUtil;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers that describe one connection rather than the message (RFC 9110 section 7.6.1), which
 * a proxy must not forward in either direction, plus those a {@code Connection} header names, and
 * the {@code x-http2-*} headers in which Netty's HTTP/2-to-HTTP/1.1 translation, used by Reactor
 * Netty's server, hands on the client's stream id and scheme.
 */
public final class HopByHopHeaders {

	private static final List<String> ALWAYS = List.of("connection", "keep-alive", "te", "trailer",
			"transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate", "proxy-connection");

	private static final String HTTP2_PREFIX = "x-http2-";

	private static final List<String> HTTP2_TRANSLATION = Stream.of(HttpConversionUtil.ExtensionHeaderNames.values())
		.map((name) -> name.text().toString())
		.toList();

	private HopByHopHeaders() {
	}

	/**
	 * Passes every end-to-end header to a sink.
	 * @param headers the incoming headers, as name and values
	 * @param connectionHeaderValues the values of the incoming {@code Connection} header
	 * @param sink receives each header to forward
	 * @param <V> the type of a header's values
	 */
	public static <V> void forEachEndToEnd(Iterable<? extends Map.Entry<String, V>> headers,
			Iterable<String> connectionHeaderValues, BiConsumer<String, V> sink) {
		BiConsumer<String, V> endToEnd = endToEndOnly(connectionHeaderValues, sink);
		for (Map.Entry<String, V> header : headers) {
			endToEnd.accept(header.getKey(), header.getValue());
		}
	}

	/**
	 * Returns a sink that passes on only the end-to-end headers, for header maps that offer a
	 * {@code forEach} cheaper than their entry set.
	 * @param connectionHeaderValues the values of the incoming {@code Connection} header
	 * @param sink receives each header to forward
	 * @param <V> the type of a header's values
	 * @return the filtering sink
	 */
	public static <V> BiConsumer<String, V> endToEndOnly(Iterable<String> connectionHeaderValues,
			BiConsumer<String, V> sink) {
		List<String> named = namedByConnection(connectionHeaderValues);
		return (name, values) -> {
			if (!isAmong(name, ALWAYS) && !isHttp2Translation(name) && !isAmong(name, named)) {
				sink.accept(name, values);
			}
		};
	}

	/**
	 * Removes from the client's request the headers its {@code Connection} header names, and that
	 * header itself, before any filter runs: removed later, when the request goes upstream, they
	 * would take a header of the same name that a route's filter added with them
	 * ({@code Connection: keep-alive, X-Seg} against {@code AddRequestHeader=X-Seg,1}).
	 * @param exchange the exchange as the server received it
	 * @return the exchange, changed only if its {@code Connection} header names a header
	 */
	public static ServerWebExchange withoutConnectionNamed(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		List<String> named = namedByConnection(headers.getOrEmpty(HttpHeaders.CONNECTION));
		if (named.isEmpty()) {
			return exchange;
		}
		return exchange.mutate().request((request) -> request.headers((changed) -> {
			named.forEach(changed::remove);
			changed.remove(HttpHeaders.CONNECTION);
		})).build();
	}

	private static boolean isHttp2Translation(String name) {
		return name.regionMatches(true, 0, HTTP2_PREFIX, 0, HTTP2_PREFIX.length()) && isAmong(name, HTTP2_TRANSLATION);
	}

	// Walked by hand: nearly every Connection header says only "keep-alive" or "close", which are
	// dropped anyway, so the common case allocates nothing.
	private static List<String> namedByConnection(Iterable<String> values) {
		List<String> named = List.of();
		for (String value : values) {
			int start = 0;
			while (start < value.length()) {
				int comma = value.indexOf(',', start);
				int end = (comma < 0) ? value.length() : comma;
				String token = value.substring(start, end).strip();
				if (!token.isEmpty() && !isAmong(token, ALWAYS)) {
					if (named.isEmpty()) {
						named = new ArrayList<>(2);
					}
					named.add(token);
				}
				start = end + 1;
			}
		}
		return named;
	}

	// Header names compare without case. Most names differ in length from every hop-by-hop one, so
	// comparing lengths first rejects them without looking at a character.
	private static boolean isAmong(String name, List<String> names) {
		int length = name.length();
		for (int i = 0; i < names.size(); i++) {
			String candidate = names.get(i);
			if (candidate.length() == length && candidate.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

}
