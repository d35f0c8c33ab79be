package dev.sluice.bench;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Spring Cloud Gateway (server-webflux) for the benchmark. Routes come from the command line;
 * {@code GET /bench/memory} is a router function, matched before the gateway's own mapping.
 * {@code #{@clientAddress}} keys a {@code RequestRateLimiter} by the client's address, as Sluice's
 * {@code client-address} resolver does.
 */
@SpringBootApplication
public class ScgWebfluxBenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(ScgWebfluxBenchApplication.class, args);
	}

	@Bean
	KeyResolver clientAddress() {
		return (exchange) -> {
			InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
			return Mono.justOrEmpty((remote != null) ? remote.getAddress().getHostAddress() : null);
		};
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
