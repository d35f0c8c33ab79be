package dev.sluice.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A Sluice gateway for the benchmark. Routes come from the command line ({@code bench/run.sh});
 * {@code GET /bench/memory} reports memory and is matched before any gateway route.
 */
@SpringBootApplication
public class SluiceBenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(SluiceBenchApplication.class, args);
	}

	@Bean
	RouterFunction<ServerResponse> benchMemory() {
		return RouterFunctions.route()
			.GET("/bench/memory", (request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(MemoryReport.json(request.queryParam("gc").isPresent())))
			.build();
	}

}
