package dev.sluice.sample;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The application's own handler that the {@code breaker} route's circuit breaker forwards to
 * ({@code fallbackUri: forward:/fallback/demo}), with the headers {@code FallbackHeaders} added.
 */
@Configuration(proxyBeanMethods = false)
class FallbackConfiguration {

	@Bean
	RouterFunction<ServerResponse> demoFallback() {
		return RouterFunctions.route()
			.GET("/fallback/demo", (request) -> ServerResponse.ok()
				.bodyValue(Map.of("fallback", true, "cause",
						request.headers().firstHeader("Execution-Exception-Type") != null
								? request.headers().firstHeader("Execution-Exception-Type") : "open circuit or failed status")))
			.build();
	}

}
