package dev.sluice.proxy;

import java.util.concurrent.atomic.AtomicReference;

import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

/**
 * One call to the upstream, between Reactor Netty receiving the answer and the exchange taking it.
 * <p>
 * Reactor Netty tells the client's observers of an answer ({@code doOnResponse}) before it hands the
 * answer to the call's subscriber, and hands it over only if that subscriber is still there. When the
 * call has already ended (the client left, or the connection reported an error first: epoll can
 * report {@code NotYetConnectedException} for a connection that then goes on to carry the request),
 * the answer is dropped with its body still queued in Reactor Netty's receiver, and the connection
 * goes back to the pool with it: a buffer Netty's detector reports as leaked. So the observer
 * {@linkplain #offer offers} every answer to its attempt, the subscriber {@linkplain #take takes} it,
 * and the attempt's end {@linkplain #finish disposes} one that was offered and never taken. Each
 * step is one atomic change, in whatever order and on whatever threads they come.
 */
final class UpstreamAttempt {

	private static final Object TAKEN = new Object();

	private static final Object FINISHED = new Object();

	private final AtomicReference<Object> state = new AtomicReference<>();

	private final UpstreamHandle handle;

	UpstreamAttempt(UpstreamHandle handle) {
		this.handle = handle;
	}

	/**
	 * Records an answer as Reactor Netty receives it, before its subscriber sees it.
	 * @param connection the connection carrying the answer
	 */
	void offer(Connection connection) {
		if (!this.state.compareAndSet(null, connection) && this.state.get() == FINISHED) {
			connection.dispose();
		}
	}

	/**
	 * Hands the answer to the exchange, unless the attempt has already ended.
	 * @param response the status and headers
	 * @param connection the connection carrying the body
	 */
	void take(HttpClientResponse response, Connection connection) {
		Object current = this.state.getAndUpdate((state) -> (state == FINISHED) ? FINISHED : TAKEN);
		if (current == FINISHED) {
			connection.dispose();
			return;
		}
		this.handle.arrive(response, connection);
	}

	/**
	 * Ends the attempt, however its call ended: an answer offered and never taken is disposed.
	 */
	void finish() {
		if (this.state.getAndSet(FINISHED) instanceof Connection untaken) {
			untaken.dispose();
		}
	}

}
