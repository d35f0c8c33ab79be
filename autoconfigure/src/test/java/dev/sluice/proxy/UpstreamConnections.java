package dev.sluice.proxy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real upstream for the tests of the upstream body's ownership, and checks on the connections
 * to it. It answers {@code /whole} with a complete body and {@code /endless} with a first piece and
 * then nothing, so that a body is still in progress when it is cancelled or abandoned.
 */
final class UpstreamConnections {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private UpstreamConnections() {
	}

	static DisposableServer startUpstream() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/whole", (request, response) -> response.sendString(Mono.just("whole body")))
				.get("/endless", (request, response) -> response
					.sendString(Flux.concat(Mono.just("first piece"), Mono.never()))))
			.bindNow(TIMEOUT);
	}

	/**
	 * Asserts that the channel closes. A connection's own {@code isDisposed()} says nothing here:
	 * Reactor Netty reports a connection whose response has been received as disposed while its
	 * channel goes on, back in the pool.
	 */
	static void assertClosed(Channel channel) {
		assertThat(channel.closeFuture().awaitUninterruptibly(TIMEOUT.toMillis())).as("connection closed").isTrue();
	}

	/**
	 * Returns whether the channel is still open once a close already asked for has run: a close
	 * from outside the event loop runs as a task on that loop, and tasks queued behind it see its
	 * outcome.
	 */
	static boolean isOpen(Channel channel) throws Exception {
		for (int i = 0; i < 2; i++) {
			channel.eventLoop().submit(() -> {
			}).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		return channel.isActive();
	}

}
