package dev.sluice.server;

import java.util.function.Consumer;

import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tells a listener, the gateway's response writer selector, which server runs: first from the
 * factory that is about to create it (before any request can arrive), then from the started
 * server itself.
 */
public final class ServerDetector implements WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory>,
		ApplicationListener<ReactiveWebServerInitializedEvent> {

	private final Consumer<RunningServer> listener;

	public ServerDetector(Consumer<RunningServer> listener) {
		this.listener = listener;
	}

	@Override
	public void customize(ConfigurableReactiveWebServerFactory factory) {
		this.listener.accept(RunningServer.of(factory));
	}

	@Override
	public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.listener.accept(RunningServer.of(event.getWebServer()));
		}
	}

}
