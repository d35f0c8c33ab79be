package dev.sluice.forwarded;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which forwarded headers the gateway adds to the requests it sends upstream: the
 * {@code X-Forwarded-*} set, the RFC 7239 {@code Forwarded} header too, or none.
 *
 * @param enabled whether the gateway adds its hop at all
 * @param forwardedHeader whether it writes an RFC 7239 {@code Forwarded} header as well
 */
public record ForwardedHeaders(boolean enabled, boolean forwardedHeader) {

	/** Adds no forwarded header. */
	public static final ForwardedHeaders NONE = new ForwardedHeaders(false, false);

	/**
	 * Describes the hop from a client's request as it was received, before any gateway filter
	 * changed it.
	 * @param received the request, without untrusted forwarded headers
	 * @return the hop to add upstream, or {@code null} when none is added
	 */
	public @Nullable ForwardedHop hop(ServerHttpRequest received) {
		return this.enabled ? ForwardedHop.of(received, this.forwardedHeader) : null;
	}

}
