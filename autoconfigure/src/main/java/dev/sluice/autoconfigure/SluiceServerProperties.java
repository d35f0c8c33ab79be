package dev.sluice.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of what the gateway asks of the server in front of it.
 */
@ConfigurationProperties("sluice.server")
public class SluiceServerProperties {

	/**
	 * Maximum time from the first byte of a request to the end of its headers, on Reactor Netty;
	 * the connection is closed when it is exceeded, so a client sending its headers a byte at a
	 * time cannot hold it. None when set to 0. Tomcat bounds the time between reads instead
	 * (server.tomcat.connection-timeout).
	 */
	private @Nullable Duration requestHeadTimeout = Duration.ofSeconds(20);

	public @Nullable Duration getRequestHeadTimeout() {
		return this.requestHeadTimeout;
	}

	public void setRequestHeadTimeout(@Nullable Duration requestHeadTimeout) {
		this.requestHeadTimeout = requestHeadTimeout;
	}

}
