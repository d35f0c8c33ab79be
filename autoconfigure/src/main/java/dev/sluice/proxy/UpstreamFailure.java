package dev.sluice.proxy;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A failure to get an answer from the upstream, with the status the client gets for it: 502 when
 * the upstream cannot be reached, breaks off or fails the TLS handshake, 504 when it is too slow,
 * 503 when the connection pool is exhausted. Its message is for the client: a short reason that
 * names no exception and carries no detail of the gateway's; {@link #detail()} is for the log.
 */
public final class UpstreamFailure extends RuntimeException {

	private final HttpStatus status;

	private final boolean tls;

	private UpstreamFailure(HttpStatus status, String message, @Nullable Throwable cause) {
		this(status, message, cause, false);
	}

	private UpstreamFailure(HttpStatus status, String message, @Nullable Throwable cause, boolean tls) {
		super(message, cause, false, false);
		this.status = status;
		this.tls = tls;
	}

	/**
	 * Classifies an error raised while calling the upstream.
	 * @param error the error
	 * @return the failure
	 */
	public static UpstreamFailure of(Throwable error) {
		if (error instanceof UpstreamFailure failure) {
			return failure;
		}
		// Before the timeouts: the pool's acquire timeout is a TimeoutException too.
		if (isPoolExhaustion(error)) {
			return new UpstreamFailure(HttpStatus.SERVICE_UNAVAILABLE, "No upstream connection available", error);
		}
		SSLException ssl = TlsFailures.find(error);
		if (ssl != null) {
			return TlsFailures.isTimeout(ssl)
					? new UpstreamFailure(HttpStatus.GATEWAY_TIMEOUT, "TLS handshake with the upstream timed out", error, true)
					: new UpstreamFailure(HttpStatus.BAD_GATEWAY, TlsFailures.describe(ssl), error, true);
		}
		if (error instanceof ConnectTimeoutException || error instanceof ReadTimeoutException
				|| error instanceof TimeoutException) {
			return new UpstreamFailure(HttpStatus.GATEWAY_TIMEOUT, "Upstream did not answer in time", error);
		}
		if (error instanceof ConnectException || error instanceof UnknownHostException
				|| error instanceof UnresolvedAddressException) {
			return new UpstreamFailure(HttpStatus.BAD_GATEWAY, "Upstream is unreachable", error);
		}
		return new UpstreamFailure(HttpStatus.BAD_GATEWAY, "Upstream failed to answer", error);
	}

	/**
	 * Returns the failure of a call that found no upstream to go to, such as a load-balanced
	 * service without instances: a 503 with the given message.
	 * @param message what is missing, for the client
	 * @return the failure
	 */
	public static UpstreamFailure unavailable(String message) {
		return new UpstreamFailure(HttpStatus.SERVICE_UNAVAILABLE, message, null);
	}

	private static boolean isPoolExhaustion(Throwable error) {
		// Reactor Netty shades its pool, so its exceptions are matched by name, not by type.
		String name = error.getClass().getSimpleName();
		return name.equals("PoolAcquireTimeoutException") || name.equals("PoolAcquirePendingLimitException");
	}

	/**
	 * Returns this failure without its cause, for a response that is already committed. Spring
	 * swallows an error whose root cause reads like a departed client ("Connection reset by
	 * peer"), and would then finish a truncated response as if it were complete; an upstream reset
	 * has exactly that message, so the error that aborts the response must not carry it.
	 * @return the failure to propagate to the server
	 */
	UpstreamFailure detached() {
		Throwable cause = getCause();
		String message = getMessage() + " after the response was committed"
				+ ((cause != null) ? " (" + cause.getClass().getSimpleName() + ")" : "");
		return new UpstreamFailure(this.status, message, null, this.tls);
	}

	/**
	 * Says what caused this failure, for the log: the exception's class and message, and those of
	 * its root cause when it has another.
	 * @return the detail, or {@code "no cause"}
	 */
	public String detail() {
		Throwable cause = getCause();
		if (cause == null) {
			return "no cause";
		}
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return describe(cause) + ((root != cause) ? ", caused by " + describe(root) : "");
	}

	private static String describe(Throwable error) {
		return error.getClass().getName() + ((error.getMessage() != null) ? ": " + error.getMessage() : "");
	}

	/**
	 * Returns whether TLS with the upstream failed, almost always in the handshake: something the
	 * operator has to fix (trust material, certificates, host names) rather than wait out.
	 * @return whether this is a TLS failure
	 */
	boolean isTls() {
		return this.tls;
	}

	public HttpStatus getStatus() {
		return this.status;
	}

}
