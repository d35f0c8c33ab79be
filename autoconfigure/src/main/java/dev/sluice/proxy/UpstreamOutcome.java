package dev.sluice.proxy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.PrematureCloseException;

/**
 * How an exchange's call to its upstream ended, in a word fit for a meter tag
 * ({@code upstream.outcome}) or a span: answered, not reached, too slow, broken off, or given up
 * because the client left.
 */
public enum UpstreamOutcome {

	/** The upstream answered and its body was passed on, whatever its status. */
	SUCCESS("success"),

	/** No connection: refused, unknown host, no route, or a TLS handshake that failed. */
	CONNECT_FAILURE("connect-failure"),

	/** Connect, TLS handshake or response timeout, or a time limit on the body. */
	TIMEOUT("timeout"),

	/** The upstream closed or reset the connection before its answer was complete. */
	RESET("reset"),

	/** The client left (or its request body failed) before the exchange ended. */
	CLIENT_CANCEL("client-cancel"),

	/** No pooled connection within the acquire timeout, or too many waiting for one. */
	POOL_EXHAUSTED("pool-exhausted"),

	/** Any other failure, such as an answer that breaks the protocol or no instance to call. */
	ERROR("error"),

	/** The upstream was never called: a filter answered, or the route forwards in the application. */
	NONE("none");

	private final String value;

	UpstreamOutcome(String value) {
		this.value = value;
	}

	/**
	 * Returns the outcome as it appears in tags.
	 * @return the tag value, such as {@code connect-failure}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Classifies the error that ended an upstream call, or the write of its body.
	 * @param error the error: an {@link UpstreamFailure}, a {@link RequestBodyFailure}, or one
	 * raised writing to the client
	 * @return the outcome
	 */
	static UpstreamOutcome of(Throwable error) {
		if (error instanceof RequestBodyFailure) {
			return CLIENT_CANCEL;
		}
		if (!(error instanceof UpstreamFailure failure)) {
			// Upstream errors reach the handler as UpstreamFailures (ProxyClient, UpstreamHandle);
			// anything else failed on the client's side: the write of the response.
			return (error instanceof TimeoutException) ? TIMEOUT : CLIENT_CANCEL;
		}
		Throwable cause = failure.getCause();
		return (cause != null) ? ofCause(cause) : ERROR;
	}

	private static UpstreamOutcome ofCause(Throwable error) {
		String name = error.getClass().getSimpleName();
		// Reactor Netty shades its pool, so its exceptions are matched by name (as UpstreamFailure does).
		if (name.equals("PoolAcquireTimeoutException") || name.equals("PoolAcquirePendingLimitException")) {
			return POOL_EXHAUSTED;
		}
		SSLException tls = TlsFailures.find(error);
		if (tls != null) {
			return TlsFailures.isTimeout(tls) ? TIMEOUT : CONNECT_FAILURE;
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			UpstreamOutcome outcome = ofSingle(cause);
			if (outcome != null) {
				return outcome;
			}
		}
		return ERROR;
	}

	private static @Nullable UpstreamOutcome ofSingle(Throwable error) {
		if (error instanceof ConnectTimeoutException || error instanceof ReadTimeoutException
				|| error instanceof TimeoutException) {
			return TIMEOUT;
		}
		if (error instanceof ConnectException || error instanceof UnknownHostException
				|| error instanceof UnresolvedAddressException || error instanceof NoRouteToHostException) {
			return CONNECT_FAILURE;
		}
		if (error instanceof PrematureCloseException || error instanceof ClosedChannelException) {
			return RESET;
		}
		// Netty's native transports report "Connection reset by peer" as a subclass of
		// IOException, the JDK's as a SocketException: read the message, not the type.
		String message = error.getMessage();
		if (error instanceof IOException && message != null
				&& (message.contains("Connection reset") || message.contains("Broken pipe"))) {
			return RESET;
		}
		return null;
	}

}
