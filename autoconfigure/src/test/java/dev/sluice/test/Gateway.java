package dev.sluice.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway application running on a real server on a random loopback port.
 */
public final class Gateway implements AutoCloseable {

	private final ServerKind server;

	private final ConfigurableApplicationContext context;

	private final int port;

	/**
	 * Starts a gateway application on a server.
	 * @param server the server
	 * @param properties properties as {@code key=value}; {@code ${upstream.uri}} is the test upstream,
	 * {@code ${raw-upstream.uri}} the {@link RawUpstream}
	 * @param configurations extra configuration classes
	 * @return the running gateway
	 */
	public static Gateway start(ServerKind server, String[] properties, Class<?>... configurations) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("server.address", "127.0.0.1");
		all.put("spring.main.banner-mode", "off");
		// Spring Data Redis is on the test classpath for the rate limiter; only the tests that start a
		// Redis have one for the health endpoint to check.
		all.put("management.health.redis.enabled", "false");
		all.put("upstream.uri", TestUpstream.get().uri());
		all.put("raw-upstream.uri", RawUpstream.get().uri());
		// Micrometer Tracing is on the test classpath; only the tests about tracing want it.
		all.put("management.tracing.export.enabled", "false");
		all.putAll(server.properties());
		for (String property : properties) {
			int eq = property.indexOf('=');
			all.put(property.substring(0, eq), property.substring(eq + 1));
		}
		Class<?>[] sources = Stream.concat(Stream.of(TestGatewayConfiguration.class), Stream.of(configurations))
			.toArray(Class<?>[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources).web(WebApplicationType.REACTIVE)
			.properties(all)
			.run();
		return new Gateway(server, context);
	}

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

	/**
	 * Sends a GET and returns the body of its answer, which must have a given status.
	 * @param path the path
	 * @param status the expected status
	 * @return the body as text, or {@code null} when there is none
	 */
	public String get(String path, int status) {
		return webTestClient().get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Uploads a generated body of a given size, with its Content-Length, to the test upstream's
	 * {@code /crc}, which answers with the size and CRC32 of what it received.
	 * @param size the body size
	 * @param timeout how long to wait for the answer
	 * @return the answer, {@code "<size> <crc>"}
	 */
	public String uploadForChecksum(long size, Duration timeout) {
		return httpClient().headers((headers) -> headers.add("Content-Length", Long.toString(size)))
			.post()
			.uri("/crc")
			.send(TestUpstream.generate(size))
			.responseContent()
			.aggregate()
			.asString()
			.block(timeout);
	}

	/**
	 * Downloads a path through the gateway and returns the CRC32 of the body, read as it streams.
	 * @param path the path, such as {@code /bytes/1024}
	 * @param timeout how long to wait for the whole body
	 * @return the checksum
	 */
	public long downloadChecksum(String path, Duration timeout) {
		return httpClient().get()
			.uri(path)
			.responseContent()
			.reduce(new CRC32(), (checksum, buf) -> {
				checksum.update(buf.nioBuffer());
				return checksum;
			})
			.map(CRC32::getValue)
			.block(timeout);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestGatewayConfiguration {

	}

}
