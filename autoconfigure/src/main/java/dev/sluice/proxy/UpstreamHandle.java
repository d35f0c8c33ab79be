package dev.sluice.proxy;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

import io.netty.buffer.ByteBuf;

/**
 * Owns the upstream response of one exchange until its body has been consumed or given up, and
 * disposes it on every other path. Each state change is one atomic step, so the races between
 * client cancel, upstream arrival and a response committed by a filter all end in exactly one
 * owner:
 * <ul>
 * <li>arrive after close: the connection is disposed at once (the client left first);</li>
 * <li>close after arrive, before claim: the connection is disposed (cancel, error, or a filter
 * that committed the response itself);</li>
 * <li>close after the claimed body ended (completed, failed, or cancelled by its subscriber):
 * nothing to do, Reactor Netty has pooled or closed the connection;</li>
 * <li>close after claim while the body's subscription is still open: the connection is disposed.
 * The exchange is over, so whoever subscribed will neither read the rest nor cancel: Spring's
 * {@code ChannelSendOperator} does exactly that when the client's connection is gone by the first
 * buffer (docs/servers.md), and the rest of the body would wait in Reactor Netty's receive queue
 * for ever;</li>
 * <li>arrive after arrive (a retried attempt): the abandoned attempt is disposed.</li>
 * </ul>
 */
final class UpstreamHandle {

	private static final Object CLOSED = new Object();

	/** The claimed body's subscription has ended; Reactor Netty has pooled or closed the connection. */
	private static final Object ENDED = new Object();

	private final AtomicReference<Object> state = new AtomicReference<>();

	/**
	 * Records an upstream answer. Called on the connection's event loop.
	 * @param response the status and headers
	 * @param connection the connection that carries the body
	 * @return whether the handle took ownership; if not the connection was disposed
	 */
	boolean arrive(HttpClientResponse response, Connection connection) {
		Arrival arrival = new Arrival(response, connection);
		for (;;) {
			Object current = this.state.get();
			if (current == CLOSED || current == ENDED || current instanceof Claim) {
				connection.dispose();
				return false;
			}
			if (this.state.compareAndSet(current, arrival)) {
				if (current instanceof Arrival abandoned) {
					abandoned.connection().dispose();
				}
				return true;
			}
		}
	}

	/**
	 * Returns the upstream's status and headers, if it has answered.
	 * @return the response, or {@code null}
	 */
	@Nullable HttpClientResponse response() {
		return (this.state.get() instanceof Arrival arrival) ? arrival.response() : null;
	}

	/**
	 * Returns the upstream body. The claim happens on subscription: from then on the subscriber
	 * owns every buffer until its subscription ends, and its cancel or error disposes the
	 * connection.
	 * @return the body
	 */
	Flux<ByteBuf> body() {
		return Flux.defer(() -> {
			Object current = this.state.get();
			if (current instanceof Arrival arrival) {
				Claim claim = new Claim(arrival.connection());
				if (this.state.compareAndSet(current, claim)) {
					Runnable ended = () -> this.state.compareAndSet(claim, ENDED);
					// A failure of the body is an upstream failure too: a reset can arrive before the
					// first byte, while the response can still become a clean 502.
					return arrival.connection()
						.inbound()
						.receive()
						.doOnTerminate(ended)
						.doOnCancel(ended)
						.onErrorMap(UpstreamFailure::of);
				}
			}
			return Flux.error(new IllegalStateException("Upstream body is no longer available"));
		});
	}

	/**
	 * Ends the handle: an unclaimed body is disposed, and so is a claimed one whose subscription
	 * is still open, since nobody will read or cancel it now; a later arrival will be disposed.
	 */
	void close() {
		Object previous = this.state.getAndSet(CLOSED);
		if (previous instanceof Arrival arrival) {
			arrival.connection().dispose();
		}
		else if (previous instanceof Claim claim) {
			claim.connection().dispose();
		}
	}

	private record Arrival(HttpClientResponse response, Connection connection) {
	}

	/**
	 * A body claimed by a subscriber whose subscription has not ended yet.
	 */
	private record Claim(Connection connection) {
	}

}
