package dev.sluice.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

import dev.sluice.buffer.LedgerEntry;
import dev.sluice.route.Route;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpstreamAttempt}, on real upstream connections: every ordering of offer, take
 * and finish ends with the answer owned by the exchange's handle or disposed, never left with its
 * body queued in Reactor Netty's receiver; and through {@link ProxyClient}, a call ended by an
 * observer that runs just before Sluice's own, the moment a client's departure can end it.
 */
class UpstreamAttemptTests {

	private static final Duration TIMEOUT = UpstreamConnections.TIMEOUT;

	private static DisposableServer upstream;

	private final ConnectionProvider pool = ConnectionProvider.create("upstream-attempt-tests", 1);

	private final UpstreamHandle handle = new UpstreamHandle();

	@BeforeAll
	static void startUpstream() {
		upstream = UpstreamConnections.startUpstream();
	}

	@AfterAll
	static void stopUpstream() {
		upstream.disposeNow(TIMEOUT);
	}

	@AfterEach
	void closeThePool() {
		this.handle.close();
		this.pool.disposeLater().block(TIMEOUT);
	}

	@Test
	void disposesAnAnswerWhoseCallEndedJustBeforeItWasHandedOver() throws Exception {
		assertDisposedWhenTheCallEndsFirst("/endless");
	}

	@Test
	void releasesAWholeAnswerWhoseCallEndedJustBeforeItWasHandedOver() throws Exception {
		// Status, body and end in one read: the body is queued in Reactor Netty's receiver at once,
		// and Netty's detector (LeakDetectionExtension) reports it if nothing releases it.
		assertDisposedWhenTheCallEndsFirst("/whole");
	}

	private void assertDisposedWhenTheCallEndsFirst(String path) throws Exception {
		CompletableFuture<Channel> channel = new CompletableFuture<>();
		AtomicReference<Disposable> call = new AtomicReference<>();
		HttpClient client = HttpClient.create(this.pool).doOnResponse((response, connection) -> {
			channel.complete(connection.channel());
			call.get().dispose();
		});
		call.set(new ProxyClient(client, false).send(exchange(path), route(), this.handle, LedgerEntry.UNTRACKED, null)
			.subscribe());
		UpstreamConnections.assertClosed(channel.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
		assertThat(this.handle.response()).isNull();
	}

	@Test
	void handsOverAnAnswerWhoseCallIsStillWaiting() throws Exception {
		Channel[] seen = new Channel[1];
		HttpClient client = HttpClient.create(this.pool)
			.doOnResponse((response, connection) -> seen[0] = connection.channel());
		new ProxyClient(client, false).send(exchange("/whole"), route(), this.handle, LedgerEntry.UNTRACKED, null)
			.block(TIMEOUT);
		assertThat(this.handle.response()).isNotNull();
		assertThat(this.handle.response().status().code()).isEqualTo(200);
		assertThat(this.handle.body().map((buffer) -> buffer.toString(java.nio.charset.StandardCharsets.UTF_8))
			.collectList()
			.block(TIMEOUT)).containsExactly("whole body");
		assertThat(seen[0].isActive()).as("pooled connection still open").isTrue();
	}

	@Test
	void disposesAnAnswerOfferedAfterTheAttemptFinished() throws Exception {
		UpstreamAttempt attempt = new UpstreamAttempt(this.handle);
		Connection connection = unreadAnswer();
		attempt.finish();
		attempt.offer(connection);
		assertClosed(connection);
	}

	@Test
	void disposesAnAnswerOfferedAndNeverTakenWhenTheAttemptFinishes() throws Exception {
		UpstreamAttempt attempt = new UpstreamAttempt(this.handle);
		Connection connection = unreadAnswer();
		attempt.offer(connection);
		assertThat(isOpen(connection)).isTrue();
		attempt.finish();
		assertClosed(connection);
	}

	@Test
	void disposesAnAnswerTakenAfterTheAttemptFinished() throws Exception {
		UpstreamAttempt attempt = new UpstreamAttempt(this.handle);
		Connection connection = unreadAnswer();
		attempt.offer(connection);
		attempt.finish();
		attempt.take((HttpClientResponse) connection, connection);
		assertClosed(connection);
		assertThat(this.handle.response()).isNull();
	}

	@Test
	void leavesATakenAnswerToTheHandle() throws Exception {
		UpstreamAttempt attempt = new UpstreamAttempt(this.handle);
		Connection connection = unreadAnswer();
		attempt.offer(connection);
		attempt.take((HttpClientResponse) connection, connection);
		attempt.finish();
		assertThat(isOpen(connection)).isTrue();
		assertThat(this.handle.response()).isSameAs(connection);
		this.handle.close();
		assertClosed(connection);
	}

	/** An answer whose body is still coming, with the connection that carries it, unread. */
	private Connection unreadAnswer() {
		return HttpClient.create(this.pool)
			.get()
			.uri("http://127.0.0.1:" + upstream.port() + "/endless")
			.responseConnection((response, connection) -> Mono.just(connection))
			.single()
			.block(TIMEOUT);
	}

	private static void assertClosed(Connection connection) {
		UpstreamConnections.assertClosed(connection.channel());
	}

	private static boolean isOpen(Connection connection) throws Exception {
		return UpstreamConnections.isOpen(connection.channel());
	}

	private static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("http://gateway.test" + path).build());
	}

	private static Route route() {
		return new Route("attempts", URI.create("http://127.0.0.1:" + upstream.port()), 0, (exchange) -> true, List.of(),
				Map.of(), new Route.Timeouts(null, null), new Route.Description(List.of(), List.of()));
	}

}
