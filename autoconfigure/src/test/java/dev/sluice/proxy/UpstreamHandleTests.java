package dev.sluice.proxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpstreamHandle}: each ordering of arrival, claim, the end of the body's
 * subscription and close, on real upstream connections. An upstream answers {@code /whole} with a
 * complete body and {@code /endless} with a first piece and then nothing, so that a body is still
 * in progress when it is cancelled or abandoned.
 */
class UpstreamHandleTests {

	private static final Duration TIMEOUT = UpstreamConnections.TIMEOUT;

	private static DisposableServer upstream;

	// One connection, so a call waits for the previous one to be released or closed.
	private final ConnectionProvider pool = ConnectionProvider.create("upstream-handle-tests", 1);

	private final HttpClient client = HttpClient.create(this.pool);

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
	void disposesAnAnswerThatArrivesAfterTheExchangeEnded() throws Exception {
		Answer answer = call("/endless");
		this.handle.close();
		assertThat(this.handle.arrive(answer.response(), answer.connection())).isFalse();
		assertClosed(answer);
		assertThat(this.handle.response()).isNull();
	}

	@Test
	void disposesAnUnclaimedAnswerWhenTheExchangeEnds() throws Exception {
		Answer answer = call("/endless");
		assertThat(this.handle.arrive(answer.response(), answer.connection())).isTrue();
		assertThat(isOpen(answer)).isTrue();
		this.handle.close();
		assertClosed(answer);
	}

	@Test
	void leavesAClaimedBodyToItsSubscriberWhichDisposesItOnCancel() throws Exception {
		Answer answer = call("/endless");
		this.handle.arrive(answer.response(), answer.connection());
		StepVerifier.create(this.handle.body().map(UpstreamHandleTests::text))
			.expectNext("first piece")
			.then(() -> assertThat(isOpenUnchecked(answer)).isTrue())
			.thenCancel()
			.verify(TIMEOUT);
		assertClosed(answer);
	}

	@Test
	void leavesAClaimedBodyToItsSubscriberWhichReturnsTheConnectionToThePool() {
		Answer answer = call("/whole");
		this.handle.arrive(answer.response(), answer.connection());
		StepVerifier.create(this.handle.body().map(UpstreamHandleTests::text), 0)
			.thenRequest(Long.MAX_VALUE)
			.recordWith(ArrayList::new)
			.thenConsumeWhile((piece) -> true)
			.consumeRecordedWith((pieces) -> assertThat(String.join("", pieces)).isEqualTo("whole body"))
			.expectComplete()
			.verify(TIMEOUT);
		this.handle.close();
		// The pool holds one connection: the next call gets the same one back.
		Answer next = call("/whole");
		next.connection().dispose();
		assertThat(next.channel()).isSameAs(answer.channel());
	}

	@Test
	void disposesAClaimedBodyWhoseSubscriberNeitherReadsOnNorCancels() throws Exception {
		Answer answer = call("/endless");
		this.handle.arrive(answer.response(), answer.connection());
		// What Spring's ChannelSendOperator leaves behind when the write fails before it subscribes
		// to the body: one buffer taken, and a subscription nobody will ever use again.
		CountDownLatch first = new CountDownLatch(1);
		this.handle.body().subscribe(new BaseSubscriber<ByteBuf>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.request(1);
			}

			@Override
			protected void hookOnNext(ByteBuf piece) {
				first.countDown();
			}

		});
		assertThat(first.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(isOpen(answer)).isTrue();
		this.handle.close();
		assertClosed(answer);
	}

	@Test
	void leavesACancelledBodyAloneWhenTheExchangeEnds() throws Exception {
		Answer answer = call("/endless");
		this.handle.arrive(answer.response(), answer.connection());
		StepVerifier.create(this.handle.body().map(UpstreamHandleTests::text))
			.expectNext("first piece")
			.thenCancel()
			.verify(TIMEOUT);
		this.handle.close();
		assertClosed(answer);
		StepVerifier.create(this.handle.body()).expectError(IllegalStateException.class).verify(TIMEOUT);
	}

	@Test
	void disposesTheAbandonedAnswerWhenAnotherArrives() throws Exception {
		Answer abandoned = call("/endless");
		Answer retried = call(HttpClient.create(ConnectionProvider.newConnection()), "/endless");
		assertThat(this.handle.arrive(abandoned.response(), abandoned.connection())).isTrue();
		assertThat(this.handle.arrive(retried.response(), retried.connection())).isTrue();
		assertClosed(abandoned);
		assertThat(isOpen(retried)).isTrue();
		assertThat(this.handle.response()).isSameAs(retried.response());
		this.handle.close();
		assertClosed(retried);
	}

	@Test
	void refusesASecondClaimOfTheBody() {
		Answer answer = call("/whole");
		this.handle.arrive(answer.response(), answer.connection());
		StepVerifier.create(this.handle.body().map(UpstreamHandleTests::text).reduce(String::concat))
			.expectNext("whole body")
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.handle.body())
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(IllegalStateException.class)
				.hasMessage("Upstream body is no longer available"))
			.verify(TIMEOUT);
	}

	@Test
	void hasNoBodyBeforeTheUpstreamAnswersNorAfterTheExchangeEnded() {
		StepVerifier.create(this.handle.body()).expectError(IllegalStateException.class).verify(TIMEOUT);
		this.handle.close();
		Answer late = call("/whole");
		this.handle.arrive(late.response(), late.connection());
		StepVerifier.create(this.handle.body()).expectError(IllegalStateException.class).verify(TIMEOUT);
	}

	@Test
	void reportsTheResponseFromItsArrivalUntilTheExchangeEnds() {
		assertThat(this.handle.response()).isNull();
		Answer answer = call("/whole");
		this.handle.arrive(answer.response(), answer.connection());
		assertThat(this.handle.response()).isSameAs(answer.response());
		assertThat(this.handle.response().status().code()).isEqualTo(200);
		this.handle.close();
		assertThat(this.handle.response()).isNull();
	}

	/**
	 * Calls the upstream and returns its answer with the connection that carries the body, unread,
	 * as the proxy receives them, and the channel under that connection.
	 */
	private Answer call(String path) {
		return call(this.client, path);
	}

	private static Answer call(HttpClient client, String path) {
		return client.get()
			.uri("http://127.0.0.1:" + upstream.port() + path)
			.responseConnection((response, connection) -> Mono
				.just(new Answer(response, connection, connection.channel())))
			.single()
			.block(TIMEOUT);
	}

	private static void assertClosed(Answer answer) {
		UpstreamConnections.assertClosed(answer.channel());
	}

	private static boolean isOpen(Answer answer) throws Exception {
		return UpstreamConnections.isOpen(answer.channel());
	}

	private static boolean isOpenUnchecked(Answer answer) {
		try {
			return isOpen(answer);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(ByteBuf buffer) {
		return buffer.toString(StandardCharsets.UTF_8);
	}

	private record Answer(HttpClientResponse response, Connection connection, Channel channel) {
	}

}
