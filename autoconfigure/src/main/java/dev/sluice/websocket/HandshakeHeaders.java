package dev.sluice.websocket;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.proxy.HopByHopHeaders;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

/**
 * The headers of a handshake that belong to one WebSocket connection (RFC 6455 section 4): the
 * key, the accept, the version and the extensions are each side's own, and the subprotocol is
 * negotiated by the gateway, so none of them is copied from one side to the other.
 */
final class HandshakeHeaders {

	private static final String PREFIX = "sec-websocket-";

	private HandshakeHeaders() {
	}

	static boolean isWebSocketHeader(String name) {
		return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
	}

	/**
	 * Removes the connection's own headers from the upstream handshake's headers.
	 * @param headers the headers copied from the client's request
	 */
	static void removeFromRequest(io.netty.handler.codec.http.HttpHeaders headers) {
		List<String> names = new ArrayList<>(4);
		for (String name : headers.names()) {
			if (isWebSocketHeader(name)) {
				names.add(name);
			}
		}
		names.forEach(headers::remove);
	}

	/**
	 * Returns the subprotocols the client asked for, in its order, from every
	 * {@code Sec-WebSocket-Protocol} line.
	 * @param headers the client's request headers
	 * @return the subprotocols, trimmed
	 */
	static List<String> requestedSubprotocols(HttpHeaders headers) {
		List<String> protocols = new ArrayList<>(2);
		for (String value : headers.getOrEmpty("Sec-WebSocket-Protocol")) {
			for (String protocol : StringUtils.commaDelimitedListToStringArray(value)) {
				String trimmed = protocol.trim();
				if (!trimmed.isEmpty()) {
					protocols.add(trimmed);
				}
			}
		}
		return protocols;
	}

	/**
	 * Copies the end-to-end headers of the upstream's {@code 101}, such as {@code Set-Cookie}, to
	 * the client's.
	 * @param upstream the upstream's handshake answer headers
	 * @param client the client's response headers
	 */
	static void copyToClient(io.netty.handler.codec.http.HttpHeaders upstream, HttpHeaders client) {
		HopByHopHeaders.forEachEndToEnd(upstream, () -> upstream.valueStringIterator(HttpHeaders.CONNECTION),
				(name, value) -> {
					if (!isWebSocketHeader(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
						client.add(name, value);
					}
				});
	}

}
