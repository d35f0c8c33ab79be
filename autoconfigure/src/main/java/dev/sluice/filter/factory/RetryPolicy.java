package dev.sluice.filter.factory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * What a Retry filter retries, how often and how long it waits in between.
 *
 * @param retries the most retries after the first attempt
 * @param statuses statuses that are retried
 * @param series status series that are retried
 * @param methods methods that are retried
 * @param exceptions exceptions (or causes) that are retried
 * @param backoff the wait between attempts
 * @param timeout the time after the first attempt began past which no retry starts, or {@code null}
 */
record RetryPolicy(int retries, Set<HttpStatusCode> statuses, Set<HttpStatus.Series> series, Set<HttpMethod> methods,
		List<Class<?>> exceptions, Backoff backoff, Duration timeout) {

	boolean retriesStatus(HttpStatusCode status) {
		if (status == null) {
			return false;
		}
		HttpStatus.Series statusSeries = HttpStatus.Series.resolve(status.value());
		return this.statuses.contains(status) || this.statuses.contains(HttpStatusCode.valueOf(status.value()))
				|| (statusSeries != null && this.series.contains(statusSeries));
	}

	boolean retriesException(Throwable error) {
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Class<?> type : this.exceptions) {
				if (type.isInstance(cause) || (type == java.util.concurrent.TimeoutException.class
						&& cause instanceof io.netty.handler.timeout.TimeoutException)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * An exponential backoff with optional jitter.
	 *
	 * @param first the wait before the first retry
	 * @param max the longest wait, or {@code null}
	 * @param factor the growth of the wait per retry
	 * @param basedOnPreviousValue whether each wait grows from the previous (capped) one
	 * @param jitter the random share, between 0 and 1, by which a wait may vary
	 */
	record Backoff(Duration first, Duration max, double factor, boolean basedOnPreviousValue, double jitter) {

		static final Backoff NONE = new Backoff(Duration.ZERO, null, 1, true, 0);

		Duration delay(long retry, Duration previous) {
			double millis = (this.basedOnPreviousValue && previous != null) ? previous.toMillis() * this.factor
					: this.first.toMillis() * Math.pow(this.factor, retry);
			if (this.max != null) {
				millis = Math.min(millis, this.max.toMillis());
			}
			if (this.jitter > 0) {
				millis = millis * (1 + this.jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1));
			}
			return Duration.ofMillis(Math.max(0, Math.round(millis)));
		}

	}

}
