package dev.sluice.proxy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.springframework.util.StringUtils;

/**
 * The headers that describe one connection rather than the message (RFC 9110 section 7.6.1), which
 * a proxy must not forward in either direction, plus those a {@code Connection} header names.
 */
final class HopByHopHeaders {

	private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "te", "trailer",
			"transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate", "proxy-connection");

	private HopByHopHeaders() {
	}

	/**
	 * Passes every end-to-end header to a sink.
	 * @param headers the incoming headers, as name and values
	 * @param connectionHeaderValues the values of the incoming {@code Connection} header
	 * @param sink receives each header to forward
	 * @param <V> the type of a header's values
	 */
	static <V> void forEachEndToEnd(Iterable<? extends Map.Entry<String, V>> headers,
			Iterable<String> connectionHeaderValues, BiConsumer<String, V> sink) {
		Set<String> named = namedByConnection(connectionHeaderValues);
		for (Map.Entry<String, V> header : headers) {
			String lower = header.getKey().toLowerCase(Locale.ROOT);
			if (!ALWAYS.contains(lower) && !named.contains(lower)) {
				sink.accept(header.getKey(), header.getValue());
			}
		}
	}

	private static Set<String> namedByConnection(Iterable<String> values) {
		Set<String> named = Set.of();
		for (String value : values) {
			for (String token : StringUtils.tokenizeToStringArray(value, ",")) {
				if (named.isEmpty()) {
					named = new HashSet<>();
				}
				named.add(token.toLowerCase(Locale.ROOT));
			}
		}
		return named;
	}

}
