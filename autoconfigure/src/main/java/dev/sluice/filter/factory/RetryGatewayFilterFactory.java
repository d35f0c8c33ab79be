package dev.sluice.filter.factory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.ClassUtils;

/**
 * Retries the rest of the chain, the upstream call included, when the upstream answers with a
 * retryable status or the call fails with a retryable exception:
 * {@code Retry=3,INTERNAL_SERVER_ERROR,GET,10ms,50ms,2,false,0.5,100ms}. Defaults are Spring Cloud
 * Gateway's: 3 retries, 5xx series, GET only, {@link IOException} and {@link TimeoutException},
 * no backoff.
 * <p>
 * A request is only retried while its response is not committed, and only when it has no body: a
 * streamed body can be read once, and this filter does not buffer it. Each abandoned attempt's
 * upstream connection is disposed when the next attempt arrives, or when the exchange ends.
 */
public class RetryGatewayFilterFactory implements GatewayFilterFactory<RetryGatewayFilterFactory.Config> {

	/**
	 * Returns the number of shortcut positions: Spring Cloud Gateway's nine, up to
	 * {@code timeout}; {@code series} and {@code exceptions} are named only.
	 */
	@Override
	public int shortcutArgumentCount() {
		return 9;
	}

	@Override
	public GatewayFilter create(Config config) {
		if (config.retries() < 0) {
			throw new InvalidArgumentException("retries", "retries must not be negative but was " + config.retries());
		}
		RetryPolicy policy = new RetryPolicy(config.retries(), Set.copyOf(config.statuses()),
				Set.copyOf(config.series()), Set.copyOf(config.methods()), exceptions(config.exceptions()),
				backoff(config.backoff(), config.jitter()), config.timeout());
		return new RetryGatewayFilter(policy);
	}

	private static List<Class<?>> exceptions(List<String> names) {
		List<Class<?>> classes = new ArrayList<>();
		for (String name : names) {
			try {
				Class<?> type = ClassUtils.forName(name.trim(), RetryGatewayFilterFactory.class.getClassLoader());
				if (!Throwable.class.isAssignableFrom(type)) {
					throw new InvalidArgumentException("exceptions", "'" + name + "' is not an exception class");
				}
				classes.add(type);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new InvalidArgumentException("exceptions", "exception class '" + name + "' was not found");
			}
		}
		return List.copyOf(classes);
	}

	private static RetryPolicy.Backoff backoff(@Nullable Backoff backoff, @Nullable Jitter jitter) {
		// Without a first wait or a jitter there is no backoff, whatever else is given.
		Duration first = (backoff != null) ? backoff.firstBackoff() : null;
		if (first == null && jitter == null) {
			return RetryPolicy.Backoff.NONE;
		}
		Backoff given = (backoff != null) ? backoff : new Backoff(null, null, 2, true);
		double factor = given.factor();
		double randomFactor = (jitter != null) ? jitter.randomFactor() : 0;
		if (factor < 1 || randomFactor < 0 || randomFactor > 1) {
			throw new InvalidArgumentException("backoff.factor", "backoff.factor must be at least 1 and "
					+ "jitter.randomFactor between 0 and 1 (factor " + factor + ", randomFactor " + randomFactor + ")");
		}
		return new RetryPolicy.Backoff((first != null) ? first : Backoff.DEFAULT_FIRST, given.maxBackoff(), factor,
				given.basedOnPreviousValue(), randomFactor);
	}

	/**
	 * Arguments of Retry, in Spring Cloud Gateway's shortcut order.
	 *
	 * @param retries the most retries after the first attempt
	 * @param statuses statuses that are retried, as numbers or names
	 * @param methods methods that are retried
	 * @param backoff the wait between attempts, or {@code null} for none
	 * @param jitter the random share of each wait, or {@code null} for none
	 * @param timeout the time after the first attempt began past which no retry starts
	 * @param series status series that are retried
	 * @param exceptions class names of exceptions (or causes) that are retried
	 */
	public record Config(@DefaultValue("3") int retries, @DefaultValue List<HttpStatusCode> statuses,
			@DefaultValue("GET") List<HttpMethod> methods, @Nullable Backoff backoff, @Nullable Jitter jitter,
			@Nullable Duration timeout, @DefaultValue("SERVER_ERROR") List<HttpStatus.Series> series,
			@DefaultValue({ "java.io.IOException", "java.util.concurrent.TimeoutException" }) List<String> exceptions) {

	}

	/**
	 * An exponential backoff: {@code backoff.firstBackoff} and the rest.
	 *
	 * @param firstBackoff the wait before the first retry, 5ms when only other backoff arguments
	 * or a jitter are given
	 * @param maxBackoff the longest wait, or {@code null}
	 * @param factor the growth of the wait per retry
	 * @param basedOnPreviousValue whether each wait grows from the previous (capped) one
	 */
	public record Backoff(@Nullable Duration firstBackoff, @Nullable Duration maxBackoff,
			@DefaultValue("2") double factor, @DefaultValue("true") boolean basedOnPreviousValue) {

		static final Duration DEFAULT_FIRST = Duration.ofMillis(5);

	}

	/**
	 * A random variation of each wait: {@code jitter.randomFactor}.
	 *
	 * @param randomFactor the share, between 0 and 1, by which a wait may vary
	 */
	public record Jitter(@DefaultValue("0.5") double randomFactor) {

	}

}
