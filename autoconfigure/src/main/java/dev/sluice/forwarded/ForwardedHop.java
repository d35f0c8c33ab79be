package dev.sluice.forwarded;

import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The gateway's own hop, as it adds it to the request it sends upstream. {@code X-Forwarded-For}
 * gets the peer's address appended to the list a trusted proxy passed on; {@code X-Forwarded-Proto},
 * {@code -Host} and {@code -Port} are set from the client's request unless a trusted proxy already
 * set them (the first proxy saw the client; later ones only add to the list of addresses);
 * {@code X-Forwarded-Prefix} gets the path prefix a filter removed, appended to a trusted one.
 *
 * @param peer the address of the peer that connected, or {@code null} when unknown
 * @param proto the scheme the client used
 * @param host the host the client asked for, or {@code null} when it named none
 * @param port the port the client connected to
 * @param receivedPath the raw path of the request as received
 * @param forwardedHeader whether to write an RFC 7239 {@code Forwarded} element too
 */
public record ForwardedHop(@Nullable InetAddress peer, String proto, @Nullable String host, int port,
		String receivedPath, boolean forwardedHeader) {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

	static final String X_FORWARDED_HOST = "X-Forwarded-Host";

	static final String X_FORWARDED_PORT = "X-Forwarded-Port";

	static final String X_FORWARDED_PREFIX = "X-Forwarded-Prefix";

	static final String FORWARDED = "Forwarded";

	static ForwardedHop of(ServerHttpRequest received, boolean forwardedHeader) {
		URI uri = received.getURI();
		String proto = (uri.getScheme() != null) ? uri.getScheme() : ((received.getSslInfo() != null) ? "https" : "http");
		String host = received.getHeaders().getFirst(HttpHeaders.HOST);
		if (host == null) {
			// HTTP/2 names the host in :authority, which a Servlet container does not turn into a header.
			host = uri.getRawAuthority();
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(proto) ? 443 : 80);
		InetSocketAddress remote = received.getRemoteAddress();
		InetAddress peer = (remote != null) ? remote.getAddress() : null;
		return new ForwardedHop(peer, proto, host, port, uri.getRawPath(), forwardedHeader);
	}

	/**
	 * Adds this hop to the headers of the request going upstream, which already carry the
	 * client's forwarded headers if its peer is trusted.
	 * @param headers the upstream request's headers
	 * @param upstreamPath the raw path the request goes to upstream, to tell the removed prefix
	 */
	public void addTo(io.netty.handler.codec.http.HttpHeaders headers, String upstreamPath) {
		if (this.peer != null) {
			append(headers, X_FORWARDED_FOR, this.peer.getHostAddress(), ", ");
		}
		setIfAbsent(headers, X_FORWARDED_PROTO, this.proto);
		if (this.host != null) {
			setIfAbsent(headers, X_FORWARDED_HOST, this.host);
		}
		setIfAbsent(headers, X_FORWARDED_PORT, Integer.toString(this.port));
		String prefix = removedPrefix(this.receivedPath, upstreamPath);
		if (prefix != null) {
			append(headers, X_FORWARDED_PREFIX, prefix, ",");
		}
		if (this.forwardedHeader) {
			append(headers, FORWARDED, forwardedElement(), ", ");
		}
	}

	/**
	 * Returns the prefix a filter removed from the path: what precedes the upstream path at the
	 * end of the received one ({@code /api} for {@code /api/orders} sent as {@code /orders}).
	 * @param received the raw path as received
	 * @param upstream the raw path as sent upstream
	 * @return the prefix without a trailing slash, or {@code null} when none was removed
	 */
	static @Nullable String removedPrefix(String received, String upstream) {
		if (received.equals(upstream)) {
			return null;
		}
		String rest = ("/".equals(upstream) || upstream.isEmpty()) ? "" : upstream;
		if (!received.endsWith(rest)) {
			return null;
		}
		int end = received.length() - rest.length();
		while (end > 0 && received.charAt(end - 1) == '/') {
			end--;
		}
		return (end > 0) ? received.substring(0, end) : null;
	}

	private String forwardedElement() {
		StringBuilder element = new StringBuilder(64);
		if (this.peer != null) {
			element.append("for=");
			element.append((this.peer instanceof Inet6Address) ? "\"[" + this.peer.getHostAddress() + "]\""
					: this.peer.getHostAddress());
			element.append(';');
		}
		element.append("proto=").append(this.proto);
		if (this.host != null) {
			element.append(";host=").append(quotedIfNeeded(this.host));
		}
		return element.toString();
	}

	// RFC 7239 values are tokens or quoted strings; a host with a port or an IPv6 literal is no token.
	private static String quotedIfNeeded(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~')) {
				return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
			}
		}
		return value;
	}

	private static void append(io.netty.handler.codec.http.HttpHeaders headers, String name, String value,
			String separator) {
		if (!headers.contains(name)) {
			headers.set(name, value);
			return;
		}
		// Several header lines are one list (RFC 9110 section 5.3); they go on as one line.
		headers.set(name, String.join(separator, headers.getAll(name)) + separator + value);
	}

	private static void setIfAbsent(io.netty.handler.codec.http.HttpHeaders headers, String name, String value) {
		if (!headers.contains(name)) {
			headers.set(name, value);
		}
	}

}
