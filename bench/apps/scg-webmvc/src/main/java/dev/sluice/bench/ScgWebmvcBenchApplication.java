package dev.sluice.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Cloud Gateway Server Web MVC for the benchmark, on Tomcat. Routes come from the command
 * line; {@code GET /bench/memory} reports memory.
 */
@SpringBootApplication
@RestController
public class ScgWebmvcBenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(ScgWebmvcBenchApplication.class, args);
	}

	@GetMapping(path = "/bench/memory", produces = MediaType.APPLICATION_JSON_VALUE)
	String memory(@RequestParam(name = "gc", required = false) String gc) {
		return MemoryReport.json(gc != null);
	}

}
