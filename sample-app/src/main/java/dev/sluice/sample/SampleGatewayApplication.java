package dev.sluice.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Sluice gateway in front of a demo upstream it starts itself, so it runs on a machine with no
 * other service. Routes are in {@code application.yml}.
 */
@SpringBootApplication
public class SampleGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleGatewayApplication.class, args);
	}

}
