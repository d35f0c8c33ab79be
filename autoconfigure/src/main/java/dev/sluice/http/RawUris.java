package dev.sluice.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Builds a URI from a scheme and authority, a raw path and a raw query, keeping their encoding
 * byte for byte: filters use it to change a request's path or query, and the proxy to point a
 * request at its upstream. The result is a {@code URI}, not a string, because Reactor Netty
 * parses string URLs with a pattern that takes a one-digit port for part of the host name.
 */
public final class RawUris {

	private RawUris() {
	}

	/**
	 * Returns the URI with the scheme and authority of one URI and the given raw path and query.
	 * @param base the URI whose scheme and authority to keep
	 * @param rawPath the raw (encoded) path
	 * @param rawQuery the raw (encoded) query, or {@code null} for none; an empty query is kept
	 * as a bare {@code ?}
	 * @return the URI
	 * @throws IllegalArgumentException if the parts do not make a URI
	 */
	public static URI of(URI base, String rawPath, @Nullable String rawQuery) {
		StringBuilder text = new StringBuilder(128).append(base.getScheme())
			.append("://")
			.append(base.getRawAuthority())
			.append(rawPath);
		if (rawQuery != null) {
			text.append('?').append(rawQuery);
		}
		return URI.create(text.toString());
	}

}
