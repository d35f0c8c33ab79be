package dev.sluice.websocket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the gateway relays WebSocket sessions.
 *
 * @param maxFramePayloadLength the largest frame payload, in bytes, accepted from either side; a
 * larger frame closes the session with 1009
 * @param idleTimeout how long a session may carry no frame in either direction before the gateway
 * closes both sides with 1001, or {@code null} for no limit
 * @param pingInterval how often the gateway pings both sides, or {@code null} for never
 */
public record WebSocketSettings(int maxFramePayloadLength, @Nullable Duration idleTimeout,
		@Nullable Duration pingInterval) {

	public WebSocketSettings {
		if (maxFramePayloadLength <= 0) {
			throw new IllegalArgumentException("maxFramePayloadLength must be positive, not " + maxFramePayloadLength);
		}
		if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
			throw new IllegalArgumentException("idleTimeout must be positive, not " + idleTimeout);
		}
		if (pingInterval != null && (pingInterval.isNegative() || pingInterval.isZero())) {
			throw new IllegalArgumentException("pingInterval must be positive, not " + pingInterval);
		}
	}

}
