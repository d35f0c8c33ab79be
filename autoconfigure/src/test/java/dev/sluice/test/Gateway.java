package dev.sluice.test;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway application running on a real server on a random loopback port.
 */
public final class Gateway implements AutoCloseable {

	private final ServerKind server;

	private final ConfigurableApplicationContext context;

	private final int port;

	Gateway(ServerKind server, ConfigurableApplicationContext context) {
		this.server = server;
		this.context = context;
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	public ServerKind server() {
		return this.server;
	}

	public int port() {
		return this.port;
	}

	public String uri(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * Returns a client with a fresh connection per request, so no test depends on another's
	 * pooled connection.
	 * @return the client
	 */
	public HttpClient httpClient() {
		return HttpClient.create(ConnectionProvider.newConnection()).baseUrl("http://127.0.0.1:" + this.port);
	}

	public WebTestClient webTestClient() {
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(httpClient()))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
