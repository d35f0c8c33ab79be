package dev.sluice.proxy;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Names and tags the observation of an upstream call as Spring names a {@code WebClient}'s:
 * {@code http.client.requests} with the same low-cardinality keys ({@code method}, {@code uri},
 * {@code status}, {@code outcome}, {@code exception}, {@code client.name}), so that both kinds of
 * call can share the meter in registries that require one set of tag keys per name (Prometheus).
 * The {@code uri} is the matched route's path pattern; the route id is a high-cardinality key,
 * so it is on the span but not on the meter (the {@code sluice.requests} meter has it).
 */
public class UpstreamRequestObservationConvention implements ObservationConvention<UpstreamRequestContext> {

	/** Default name of the observation and its meter. */
	public static final String NAME = "http.client.requests";

	private static final KeyValue STATUS_CLIENT_ERROR = KeyValue.of("status", "CLIENT_ERROR");

	private static final KeyValue OUTCOME_UNKNOWN = KeyValue.of("outcome", "UNKNOWN");

	private static final KeyValue EXCEPTION_NONE = KeyValue.of("exception", "none");

	private static final KeyValue URI_NONE = KeyValue.of("uri", "none");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(UpstreamRequestContext context) {
		return "http " + context.getMethod().toLowerCase(java.util.Locale.ROOT);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(UpstreamRequestContext context) {
		HttpClientResponse response = context.getResponse();
		String pattern = context.getPathPattern();
		Throwable error = context.getError();
		return KeyValues.of(KeyValue.of("method", context.getMethod()),
				(pattern != null) ? KeyValue.of("uri", pattern) : URI_NONE,
				(response != null) ? KeyValue.of("status", Integer.toString(response.status().code())) : STATUS_CLIENT_ERROR,
				(response != null) ? KeyValue.of("outcome", outcome(response.status().code())) : OUTCOME_UNKNOWN,
				(error != null) ? KeyValue.of("exception", exception(error)) : EXCEPTION_NONE,
				KeyValue.of("client.name", String.valueOf(context.getRemoteServiceName())));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(UpstreamRequestContext context) {
		return KeyValues.of(KeyValue.of("route", context.getRoute().id()),
				KeyValue.of("http.url", context.getUri().toString()));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof UpstreamRequestContext;
	}

	private static String exception(Throwable error) {
		Throwable cause = (error instanceof UpstreamFailure && error.getCause() != null) ? error.getCause() : error;
		String name = cause.getClass().getSimpleName();
		return name.isEmpty() ? cause.getClass().getName() : name;
	}

	private static String outcome(int status) {
		return switch (status / 100) {
			case 1 -> "INFORMATIONAL";
			case 2 -> "SUCCESS";
			case 3 -> "REDIRECTION";
			case 4 -> "CLIENT_ERROR";
			case 5 -> "SERVER_ERROR";
			default -> "UNKNOWN";
		};
	}

}
