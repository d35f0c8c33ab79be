package dev.sluice.sample;

import java.time.Duration;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The upstream the sample routes to: a small Reactor Netty server on a loopback port, started
 * before the gateway and stopped after it.
 */
@Component
// Off in a second sample gateway, which routes to the first one's demo upstream (docs/running-many-replicas.md).
@ConditionalOnBooleanProperty(name = "sample.upstream.enabled", matchIfMissing = true)
class DemoUpstream implements SmartLifecycle {

	private final int port;

	private final int tlsPort;

	private final int secondPort;

	private final DemoCertificates certificates;

	private volatile DisposableServer server;

	private volatile DisposableServer tlsServer;

	private volatile DisposableServer second;

	private volatile LoopResources loops;

	DemoUpstream(@Value("${sample.upstream.port}") int port, @Value("${sample.upstream.tls-port}") int tlsPort,
			@Value("${sample.upstream.second-port}") int secondPort, DemoCertificates certificates) {
		this.port = port;
		this.tlsPort = tlsPort;
		this.secondPort = secondPort;
		this.certificates = certificates;
	}

	@Override
	public void start() {
		this.loops = LoopResources.create("demo-upstream", 1, true);
		HttpServer plain = HttpServer.create().runOn(this.loops).host("127.0.0.1");
		this.server = plain.port(this.port).route((routes) -> routes(routes, "a")).bindNow(Duration.ofSeconds(10));
		// A second instance of the same service, for the lb:// routes (docs/load-balancing.md).
		this.second = plain.port(this.secondPort).route((routes) -> routes(routes, "b")).bindNow(Duration.ofSeconds(10));
		// The same answers over TLS, for the "secure" route (https://, docs/tls.md).
		this.tlsServer = plain.port(this.tlsPort)
			.route((routes) -> routes(routes, "tls"))
			.secure((ssl) -> ssl.sslContext(Http11SslContextSpec.forServer(
					this.certificates.server().getKeyPair().getPrivate(), this.certificates.server().getCertificatePath())))
			.bindNow(Duration.ofSeconds(10));
	}

	private static void routes(HttpServerRoutes routes, String instance) {
		routes.get("/hello", (request, response) -> response.sendString(Mono.just("Hello from the demo upstream\n")))
			.get("/instance", (request, response) -> response.sendString(Mono.just("instance " + instance + "\n")))
			// Answers after three seconds: behind the "slow" route's one-second timeout, a 504.
			.get("/slow", (request, response) -> response
				.sendString(Mono.delay(Duration.ofSeconds(3)).thenReturn("slow answer\n")))
			// Always fails: shows the circuit breaker opening and its fallback answering.
			.get("/broken", (request, response) -> response.status(500).sendString(Mono.just("broken\n")))
			// The headers the upstream received, one per line: shows what the gateway forwarded.
			.get("/headers", (request, response) -> response.sendString(Mono.just(request.requestHeaders()
				.entries()
				.stream()
				.map((header) -> header.getKey() + ": " + header.getValue() + "\n")
				.collect(Collectors.joining()))))
			.get("/bytes/{size}", (request, response) -> {
				int size = Integer.parseInt(request.param("size"));
				return response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(size))
					.sendByteArray(Mono.just(new byte[size]));
			})
			.get("/events", (request, response) -> response
				.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
				.sendString(Flux.interval(Duration.ofMillis(500)).take(10).map((i) -> "data: tick " + i + "\n\n")))
			// A WebSocket echo, frame for frame, for the "websocket" route (docs/websocket.md).
			.ws("/ws/echo", (in, out) -> out.sendObject(in.receiveFrames().map(WebSocketFrame::retain)))
			.route((request) -> request.uri().startsWith("/echo"),
					(request, response) -> response.send(request.receive().retain()));
	}

	@Override
	public void stop() {
		this.tlsServer.disposeNow(Duration.ofSeconds(5));
		this.second.disposeNow(Duration.ofSeconds(5));
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater().block(Duration.ofSeconds(5));
		this.server = null;
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public int getPhase() {
		// Before the web server starts (and after it stops), so the gateway never routes into nothing.
		return Integer.MIN_VALUE + 1000;
	}

}
