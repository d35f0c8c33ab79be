package dev.sluice.http;

import org.springframework.http.HttpHeaders;

/**
 * Tells from its headers whether a request carries a body, without reading it.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * Returns whether request headers announce a body: a positive {@code Content-Length} or any
	 * {@code Transfer-Encoding}.
	 * @param headers the request headers
	 * @return whether a body follows
	 */
	public static boolean announced(HttpHeaders headers) {
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

}
