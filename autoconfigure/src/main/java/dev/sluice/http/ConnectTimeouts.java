package dev.sluice.http;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * Sets Netty's connect timeout, which takes whole milliseconds as an {@code int}, from a
 * {@link Duration}: a longer timeout is capped rather than overflowing into a negative one.
 */
public final class ConnectTimeouts {

	private ConnectTimeouts() {
	}

	/**
	 * Returns the client with a connect timeout.
	 * @param client the client
	 * @param timeout the timeout
	 * @return the configured client
	 */
	public static HttpClient apply(HttpClient client, Duration timeout) {
		return client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
	}

}
