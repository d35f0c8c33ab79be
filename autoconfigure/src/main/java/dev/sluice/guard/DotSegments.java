package dev.sluice.guard;

import org.jspecify.annotations.Nullable;

/**
 * Finds the dot-segments ({@code .} and {@code ..}, RFC 3986 section 5.2.4) in a raw request path
 * as an upstream that decodes and normalizes the path would see them: percent-encoded dots count
 * ({@code %2e%2e}), matrix parameters do not hide a segment ({@code ..;x=y}), and an encoded slash
 * or backslash inside a segment separates segments ({@code ..%2fadmin}). A decoded NUL counts as
 * unsafe too: some upstreams end the path there.
 */
public final class DotSegments {

	private DotSegments() {
	}

	/**
	 * Returns the first unsafe segment of a raw path.
	 * @param rawPath the path as the client sent it, still percent-encoded
	 * @return the segment as written, or {@code null} when the path is safe
	 */
	public static @Nullable String find(String rawPath) {
		int start = 0;
		int length = rawPath.length();
		while (start <= length) {
			int end = rawPath.indexOf('/', start);
			if (end == -1) {
				end = length;
			}
			if (isUnsafe(rawPath, start, end)) {
				return rawPath.substring(start, end);
			}
			start = end + 1;
		}
		return null;
	}

	private static boolean isUnsafe(String path, int start, int end) {
		boolean encoded = false;
		boolean suspect = false;
		for (int i = start; i < end; i++) {
			char c = path.charAt(i);
			if (c == '%') {
				encoded = true;
				suspect = true;
			}
			else if (c == '.' || c == '\\' || c == '\0') {
				suspect = true;
			}
		}
		// Most segments hold no dot, backslash or escape, and are safe without a copy.
		if (!suspect) {
			return false;
		}
		return isUnsafeDecoded(encoded ? decode(path, start, end) : path.substring(start, end));
	}

	/**
	 * Whether a decoded segment is, or splits at a slash or backslash into, a dot-segment, or
	 * holds a NUL.
	 */
	private static boolean isUnsafeDecoded(@Nullable String segment) {
		if (segment == null) {
			return true;
		}
		if (segment.indexOf('\0') != -1) {
			return true;
		}
		int start = 0;
		for (int i = 0; i <= segment.length(); i++) {
			if (i == segment.length() || segment.charAt(i) == '/' || segment.charAt(i) == '\\') {
				String piece = segment.substring(start, i);
				int parameters = piece.indexOf(';');
				String name = (parameters != -1) ? piece.substring(0, parameters) : piece;
				if (name.equals(".") || name.equals("..")) {
					return true;
				}
				start = i + 1;
			}
		}
		return false;
	}

	/**
	 * Percent-decodes part of a path, each escape to the character of its byte value: enough to
	 * see dots, slashes, backslashes and NUL. {@code null} for a malformed escape, which an upstream
	 * might read either way.
	 */
	private static @Nullable String decode(String path, int start, int end) {
		StringBuilder decoded = new StringBuilder(end - start);
		for (int i = start; i < end; i++) {
			char c = path.charAt(i);
			if (c != '%') {
				decoded.append(c);
				continue;
			}
			if (i + 2 >= end) {
				return null;
			}
			int high = Character.digit(path.charAt(i + 1), 16);
			int low = Character.digit(path.charAt(i + 2), 16);
			if (high < 0 || low < 0) {
				return null;
			}
			decoded.append((char) ((high << 4) + low));
			i += 2;
		}
		return decoded.toString();
	}

}
