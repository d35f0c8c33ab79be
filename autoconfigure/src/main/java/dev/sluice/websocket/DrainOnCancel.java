package dev.sluice.websocket;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.util.context.Context;

/**
 * Passes one side's inbound frames on, but neither a cancel nor an error reaches the side itself.
 * Reactor Netty answers a cancelled WebSocket receive with a close frame of its own (no status) and
 * a failed send with 1002; either would race the close the relay passes on from the other side.
 * Cancelled, this keeps reading and lets each message go (the receiver releases it after
 * {@code onNext} returns) until the side ends, which the relay then brings about itself. An error
 * ends the stream as a completion: the relay has already read the error at the source.
 */
final class DrainOnCancel<T> extends Flux<T> {

	private final Flux<T> source;

	private final Predicate<T> passes;

	/**
	 * Creates the stream.
	 * @param source one side's inbound messages, each released by the side once {@code onNext}
	 * returns
	 * @param passes which messages to pass on; the others are skipped here rather than with
	 * {@code filter}, which would hand them to the discard hook of the sending side, a second
	 * release
	 */
	DrainOnCancel(Flux<T> source, Predicate<T> passes) {
		this.source = source;
		this.passes = passes;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(new Inner<>(actual, this.passes));
	}

	private static final class Inner<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final Predicate<T> passes;

		private @Nullable Subscription subscription;

		private volatile boolean cancelled;

		Inner(CoreSubscriber<? super T> actual, Predicate<T> passes) {
			this.actual = actual;
			this.passes = passes;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.subscription = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(T item) {
			if (this.cancelled) {
				return;
			}
			if (this.passes.test(item)) {
				this.actual.onNext(item);
			}
			else if (this.subscription != null) {
				this.subscription.request(1);
			}
		}

		@Override
		public void onError(Throwable error) {
			onComplete();
		}

		@Override
		public void onComplete() {
			if (!this.cancelled) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			if (this.subscription != null) {
				this.subscription.request(n);
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			if (this.subscription != null) {
				this.subscription.request(Long.MAX_VALUE);
			}
		}

	}

}
