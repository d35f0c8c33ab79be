package dev.sluice.proxy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.springframework.util.StringUtils;

/**
 * The headers that describe one connection rather than the message (RFC 9110 section 7.6.1), which
 * a proxy must not forward in either direction, plus those a {@code Connection} header names.
 */
final class HopByHopHeaders {

	private static final Set<String> ALWAYS = caseInsensitive("connection", "keep-alive", "te", "trailer",
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
			String name = header.getKey();
			if (!ALWAYS.contains(name) && !named.contains(name)) {
				sink.accept(name, header.getValue());
			}
		}
	}

	private static Set<String> namedByConnection(Iterable<String> values) {
		Set<String> named = Set.of();
		for (String value : values) {
			for (String token : StringUtils.tokenizeToStringArray(value, ",")) {
				if (named.isEmpty()) {
					named = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
				}
				named.add(token);
			}
		}
		return named;
	}

	// Header names compare without case; a case-insensitive set spares a lower-cased copy of every
	// name on every request.
	private static Set<String> caseInsensitive(String... names) {
		Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		set.addAll(List.of(names));
		return Collections.unmodifiableSet(set);
	}

}
