package dev.sluice.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of WebSocket proxying.
 */
@ConfigurationProperties("sluice.websocket")
public class SluiceWebSocketProperties {

	/**
	 * Whether a WebSocket handshake on a route is proxied as a WebSocket session. When off, it is
	 * proxied as a plain HTTP request, without its Upgrade header.
	 */
	private boolean enabled = true;

	/**
	 * Largest frame or message payload accepted from the client or the upstream. A larger one
	 * closes the session with 1009 on both sides. Spring Cloud Gateway's default is 65536 bytes.
	 */
	private DataSize maxFramePayloadLength = DataSize.ofBytes(65536);

	/**
	 * Time a session may carry no frame in either direction before the gateway closes both sides
	 * with 1001; no limit when not set.
	 */
	private @Nullable Duration idleTimeout;

	/**
	 * Interval at which the gateway pings both sides of each session, to keep idle connections
	 * open through intermediaries; no pings when not set. The answers to these pings are not passed
	 * on.
	 */
	private @Nullable Duration pingInterval;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getMaxFramePayloadLength() {
		return this.maxFramePayloadLength;
	}

	public void setMaxFramePayloadLength(DataSize maxFramePayloadLength) {
		this.maxFramePayloadLength = maxFramePayloadLength;
	}

	public @Nullable Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public @Nullable Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(@Nullable Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

}
