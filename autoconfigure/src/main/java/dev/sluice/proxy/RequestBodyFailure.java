package dev.sluice.proxy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A client's request body that ended in an error instead of its end: it failed to decode, or the
 * client went away. The upstream request is aborted, never completed, and the server answers the
 * client: a 400 when it failed to decode the body. A body that stalled is the exception: the
 * gateway answers it with 408 ({@link #isTimeout()}).
 */
final class RequestBodyFailure extends RuntimeException {

	private final boolean timeout;

	RequestBodyFailure(String message, @Nullable Throwable cause) {
		this(message, cause, false);
	}

	private RequestBodyFailure(String message, @Nullable Throwable cause, boolean timeout) {
		super(message, cause, false, false);
		this.timeout = timeout;
	}

	static RequestBodyFailure timedOut(Duration idle) {
		return new RequestBodyFailure("Request body sent nothing for " + idle.toMillis() + "ms", null, true);
	}

	/**
	 * Returns whether the client stopped sending its body, which the gateway, not the server,
	 * answers.
	 * @return whether the body timed out
	 */
	boolean isTimeout() {
		return this.timeout;
	}

	static RequestBodyFailure of(Throwable error) {
		return (error instanceof RequestBodyFailure failure) ? failure
				: new RequestBodyFailure("Request body failed: " + error.getClass().getSimpleName(), error);
	}

}
