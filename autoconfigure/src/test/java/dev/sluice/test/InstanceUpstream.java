package dev.sluice.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * One instance of a load-balanced service: a real HTTP server on a random loopback port that
 * answers every request with its own name (body and {@code X-Instance} header), or with a status a
 * test set, counting the requests it gets. Request headers a circuit breaker's fallback adds
 * ({@code Execution-*}, {@code Root-Cause-*}) come back as {@code X-Seen-*}. {@code /slow/N} answers N chunks 100ms apart.
 */
public final class InstanceUpstream implements AutoCloseable {

	private static final LoopResources LOOPS = LoopResources.create("instance-upstream", 2, true);

	private final String name;

	private final DisposableServer server;

	private final AtomicInteger hits = new AtomicInteger();

	private volatile int status = 200;

	private InstanceUpstream(String name) {
		this.name = name;
		this.server = HttpServer.create()
			.runOn(LOOPS)
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				this.hits.incrementAndGet();
				response.header("X-Instance", this.name);
				response.header("X-Cookie", String.valueOf(request.requestHeaders().get("Cookie")));
				request.requestHeaders().forEach((header) -> {
					if (header.getKey().startsWith("Execution-") || header.getKey().startsWith("Root-Cause-")) {
						response.header("X-Seen-" + header.getKey(), header.getValue());
					}
				});
				if (request.uri().startsWith("/slow/")) {
					int chunks = Integer.parseInt(request.uri().substring("/slow/".length()));
					return response.status(this.status)
						.sendString(Flux.interval(Duration.ofMillis(100)).take(chunks).map((i) -> this.name + i + "\n"));
				}
				byte[] body = this.name.getBytes(StandardCharsets.UTF_8);
				return response.status(this.status)
					.header("Content-Length", Integer.toString(body.length))
					.sendByteArray(Mono.just(body));
			})
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Starts an instance.
	 * @param name the name it answers with
	 * @return the running instance
	 */
	public static InstanceUpstream start(String name) {
		return new InstanceUpstream(name);
	}

	public String name() {
		return this.name;
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public int hits() {
		return this.hits.get();
	}

	/**
	 * Sets the status of every answer from now on.
	 * @param status the status, 200 to answer normally
	 */
	public void answer(int status) {
		this.status = status;
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

}
