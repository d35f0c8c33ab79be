package dev.sluice.filter.factory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

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
public class RetryGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("retries", "statuses", "methods", "backoff.firstBackoff", "backoff.maxBackoff",
				"backoff.factor", "backoff.basedOnPreviousValue", "jitter.randomFactor", "timeout", "series",
				"exceptions");
	}

	@Override
	public int shortcutArgumentCount() {
		return 9;
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		int retries = arguments.integer("retries", 3);
		if (retries < 0) {
			throw arguments.invalid("retries", "retries must not be negative but was " + retries);
		}
		Set<HttpStatusCode> statuses = arguments.optionalList("statuses").stream()
			.map((status) -> arguments.status("statuses", status))
			.collect(Collectors.toUnmodifiableSet());
		List<String> series = arguments.has("series") ? arguments.optionalList("series") : List.of("SERVER_ERROR");
		Set<HttpStatus.Series> seriesSet = series.stream()
			.map((value) -> arguments.enumConstant("series", HttpStatus.Series.class, value))
			.collect(Collectors.toUnmodifiableSet());
		List<String> methods = arguments.has("methods") ? arguments.optionalList("methods") : List.of("GET");
		Set<HttpMethod> methodSet = methods.stream()
			.map((method) -> HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT)))
			.collect(Collectors.toUnmodifiableSet());
		List<Class<?>> exceptions = arguments.has("exceptions") ? exceptions(arguments)
				: List.of(IOException.class, TimeoutException.class);
		RetryPolicy policy = new RetryPolicy(retries, statuses, seriesSet, methodSet, exceptions, backoff(arguments),
				arguments.has("timeout") ? arguments.duration("timeout", null) : null);
		return new RetryGatewayFilter(policy);
	}

	private static List<Class<?>> exceptions(Arguments arguments) {
		List<Class<?>> classes = new ArrayList<>();
		for (String name : arguments.optionalList("exceptions")) {
			try {
				Class<?> type = ClassUtils.forName(name.trim(), RetryGatewayFilterFactory.class.getClassLoader());
				if (!Throwable.class.isAssignableFrom(type)) {
					throw arguments.invalid("exceptions", "'" + name + "' is not an exception class");
				}
				classes.add(type);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw arguments.invalid("exceptions", "exception class '" + name + "' was not found");
			}
		}
		return List.copyOf(classes);
	}

	private static RetryPolicy.Backoff backoff(Arguments arguments) {
		if (!arguments.has("backoff.firstBackoff") && !arguments.has("jitter.randomFactor")) {
			return RetryPolicy.Backoff.NONE;
		}
		Duration first = arguments.duration("backoff.firstBackoff", Duration.ofMillis(5));
		Duration max = arguments.has("backoff.maxBackoff") ? arguments.duration("backoff.maxBackoff", null) : null;
		double factor = number(arguments, "backoff.factor", 2);
		double jitter = arguments.has("jitter.randomFactor") ? number(arguments, "jitter.randomFactor", 0.5) : 0;
		if (factor < 1 || jitter < 0 || jitter > 1) {
			throw arguments.invalid("backoff.factor", "backoff.factor must be at least 1 and jitter.randomFactor "
					+ "between 0 and 1 (factor " + factor + ", randomFactor " + jitter + ")");
		}
		return new RetryPolicy.Backoff(first, max, factor, arguments.bool("backoff.basedOnPreviousValue", true),
				jitter);
	}

	private static double number(Arguments arguments, String name, double defaultValue) {
		String value = arguments.optional(name, null);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Double.parseDouble(value.trim());
		}
		catch (NumberFormatException ex) {
			throw arguments.invalid(name, "'" + value + "' is not a number");
		}
	}

}
