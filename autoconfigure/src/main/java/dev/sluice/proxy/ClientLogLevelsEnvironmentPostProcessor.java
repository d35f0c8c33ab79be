package dev.sluice.proxy;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Raises the level of Reactor Netty's client logger {@code HttpClientConnect} to ERROR by default, as
 * Spring Boot's own defaults do for a few noisy loggers. It writes a WARN with the whole stack trace
 * for every error on an upstream connection (an upstream that closes before answering, a reset), for
 * which the gateway already writes one line of its own ({@link UpstreamFailureLog}) and the client
 * gets its 502; nothing in the client's configuration turns that warning off. A
 * {@code logging.level.reactor.netty.http.client.HttpClientConnect} of the application's wins.
 */
class ClientLogLevelsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String LOGGER = "logging.level.reactor.netty.http.client.HttpClientConnect";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!Binder.get(environment).bind("sluice.enabled", Boolean.class).orElse(true)) {
			return;
		}
		// Last: any property source of the application's comes first.
		environment.getPropertySources().addLast(new MapPropertySource("sluiceLogLevels", Map.of(LOGGER, "ERROR")));
	}

}
