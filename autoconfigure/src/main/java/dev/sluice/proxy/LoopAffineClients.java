package dev.sluice.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * On Reactor Netty, calls the upstream over connections that live on the event loop of the
 * client's connection, so the upstream's answer is read and written to the client by one thread.
 * <p>
 * Reactor Netty's pool hands out any idle connection, whichever event loop it lives on; the answer
 * is then read on that loop and every write to the client becomes a task queued to the other
 * loop. Here each event loop gets its own client, which opens its connections on that loop
 * ({@code runOn}) and keeps them in a pool of their own: the pool is chosen by the client's
 * channel attributes, so a per-loop attribute separates them. The connection provider's limits
 * therefore apply per event loop. Requests that do not arrive on an event loop (Servlet
 * containers) use the client as configured.
 */
final class LoopAffineClients {

	private static final AttributeKey<Integer> LOOP = AttributeKey.valueOf(LoopAffineClients.class, "loop");

	private final HttpClient client;

	private final Map<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();

	private final AtomicInteger loops = new AtomicInteger();

	LoopAffineClients(HttpClient client) {
		this.client = client;
	}

	HttpClient clientFor(ServerHttpRequest request) {
		EventLoop loop = currentLoop(request);
		if (loop == null) {
			return this.client;
		}
		HttpClient affine = this.byLoop.get(loop);
		return (affine != null) ? affine : this.byLoop.computeIfAbsent(loop, this::forLoop);
	}

	private HttpClient forLoop(EventLoop loop) {
		return this.client.runOn(loop).attr(LOOP, this.loops.getAndIncrement());
	}

	private static @Nullable EventLoop currentLoop(ServerHttpRequest request) {
		if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection) {
			EventLoop loop = connection.channel().eventLoop();
			return loop.inEventLoop() ? loop : null;
		}
		return null;
	}

}
