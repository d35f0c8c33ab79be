package dev.sluice.server;

import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tells the {@link ResponseWriterSelector} which server runs: first from the factory that is about
 * to create it (before any request can arrive), then from the started server itself.
 */
public final class ServerDetector implements WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory>,
		ApplicationListener<ReactiveWebServerInitializedEvent> {

	private final ResponseWriterSelector selector;

	public ServerDetector(ResponseWriterSelector selector) {
		this.selector = selector;
	}

	@Override
	public void customize(ConfigurableReactiveWebServerFactory factory) {
		this.selector.serverDetected(RunningServer.of(factory));
	}

	@Override
	public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.selector.serverDetected(RunningServer.of(event.getWebServer()));
		}
	}

}
