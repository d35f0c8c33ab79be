package dev.sluice.proxy;

import org.jspecify.annotations.Nullable;

/**
 * A client's request body that ended in an error instead of its end: it failed to decode, or the
 * client went away. The upstream request is aborted, never completed, and the server answers the
 * client: a 400 when it failed to decode the body.
 */
final class RequestBodyFailure extends RuntimeException {

	RequestBodyFailure(String message, @Nullable Throwable cause) {
		super(message, cause, false, false);
	}

	static RequestBodyFailure of(Throwable error) {
		return (error instanceof RequestBodyFailure failure) ? failure
				: new RequestBodyFailure("Request body failed: " + error.getClass().getSimpleName(), error);
	}

}
