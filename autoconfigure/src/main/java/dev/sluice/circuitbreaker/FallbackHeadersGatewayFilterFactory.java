package dev.sluice.circuitbreaker;

import org.jspecify.annotations.Nullable;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;

/**
 * On the route a circuit breaker's fallback is forwarded to, adds headers that describe the failure
 * to the request sent upstream, as Spring Cloud Gateway's {@code FallbackHeaders} does: the type and
 * message of the exception that sent the exchange to the fallback, and of its root cause.
 */
public class FallbackHeadersGatewayFilterFactory
		implements GatewayFilterFactory<FallbackHeadersGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		return (exchange, chain) -> {
			Throwable failure = exchange.getAttribute(CircuitBreakerGatewayFilter.EXECUTION_EXCEPTION);
			if (failure == null) {
				return chain.filter(exchange);
			}
			Throwable root = failure;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			Throwable rootCause = root;
			return chain.filter(exchange.mutate().request((request) -> request.headers((headers) -> {
				add(headers, config.executionExceptionTypeHeaderName(), failure.getClass().getName());
				add(headers, config.executionExceptionMessageHeaderName(), failure.getMessage());
				add(headers, config.rootCauseExceptionTypeHeaderName(), rootCause.getClass().getName());
				add(headers, config.rootCauseExceptionMessageHeaderName(), rootCause.getMessage());
			})).build());
		};
	}

	private static void add(HttpHeaders headers, String name, @Nullable String value) {
		// A header value is one line.
		headers.set(name, (value != null) ? value.replaceAll("[\\r\\n]+", " ") : "");
	}

	/**
	 * Arguments of FallbackHeaders: the names of the four headers.
	 *
	 * @param executionExceptionTypeHeaderName the header for the failure's type
	 * @param executionExceptionMessageHeaderName the header for the failure's message
	 * @param rootCauseExceptionTypeHeaderName the header for the root cause's type
	 * @param rootCauseExceptionMessageHeaderName the header for the root cause's message
	 */
	public record Config(@DefaultValue("Execution-Exception-Type") String executionExceptionTypeHeaderName,
			@DefaultValue("Execution-Exception-Message") String executionExceptionMessageHeaderName,
			@DefaultValue("Root-Cause-Exception-Type") String rootCauseExceptionTypeHeaderName,
			@DefaultValue("Root-Cause-Exception-Message") String rootCauseExceptionMessageHeaderName) {

	}

}
