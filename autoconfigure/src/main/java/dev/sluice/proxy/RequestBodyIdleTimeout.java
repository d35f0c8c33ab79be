package dev.sluice.proxy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Fails a client's request body that delivers nothing for a while although the upstream connection
 * asks for more, so that a client trickling its body, or sending none of it, cannot hold an upstream
 * connection for ever. The failure is a {@link RequestBodyFailure} that the gateway answers with 408.
 * <p>
 * One check per idle period, not a timer per buffer: the body fails when a whole period passed with
 * demand outstanding and no buffer, so it fails between one and two periods after its last buffer.
 */
final class RequestBodyIdleTimeout extends FluxOperator<DataBuffer, DataBuffer> {

	private final Duration idle;

	RequestBodyIdleTimeout(Flux<? extends DataBuffer> source, Duration idle) {
		super(source);
		this.idle = idle;
	}

	@Override
	public void subscribe(CoreSubscriber<? super DataBuffer> actual) {
		this.source.subscribe(new IdleSubscriber(actual, this.idle));
	}

	/**
	 * Signals go downstream under the subscriber's lock, so that the timeout's error never overlaps a
	 * buffer; a buffer that arrives after it is released here.
	 */
	private static final class IdleSubscriber implements CoreSubscriber<DataBuffer>, Subscription, Runnable {

		@SuppressWarnings("rawtypes")
		private static final AtomicLongFieldUpdater<IdleSubscriber> DEMAND = AtomicLongFieldUpdater
			.newUpdater(IdleSubscriber.class, "demand");

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<IdleSubscriber> DONE = AtomicIntegerFieldUpdater
			.newUpdater(IdleSubscriber.class, "done");

		private final CoreSubscriber<? super DataBuffer> actual;

		private final Duration idle;

		private @Nullable Subscription upstream;

		private @Nullable Disposable check;

		private volatile long demand;

		private volatile boolean active;

		private volatile int done;

		IdleSubscriber(CoreSubscriber<? super DataBuffer> actual, Duration idle) {
			this.actual = actual;
			this.idle = idle;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				long millis = Math.max(1, this.idle.toMillis());
				this.check = Schedulers.parallel().schedulePeriodically(this, millis, millis, TimeUnit.MILLISECONDS);
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(DataBuffer buffer) {
			synchronized (this) {
				if (this.done == 0) {
					this.active = true;
					if (this.demand != Long.MAX_VALUE) {
						DEMAND.decrementAndGet(this);
					}
					this.actual.onNext(buffer);
					return;
				}
			}
			// The named release point of a buffer that arrived after the body timed out.
			DataBufferUtils.release(buffer);
		}

		@Override
		public synchronized void onError(Throwable error) {
			if (finish()) {
				this.actual.onError(error);
			}
		}

		@Override
		public synchronized void onComplete() {
			if (finish()) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				// Asked for more: the upstream connection took what came before.
				this.active = true;
				Operators.addCap(DEMAND, this, n);
				Subscription upstream = this.upstream;
				if (upstream != null) {
					upstream.request(n);
				}
			}
		}

		@Override
		public void cancel() {
			if (finish()) {
				Subscription upstream = this.upstream;
				if (upstream != null) {
					upstream.cancel();
				}
			}
		}

		/** The periodic check. */
		@Override
		public void run() {
			if (this.active || this.demand == 0) {
				this.active = false;
				return;
			}
			synchronized (this) {
				if (!finish()) {
					return;
				}
				this.actual.onError(RequestBodyFailure.timedOut(this.idle));
			}
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
		}

		private boolean finish() {
			if (!DONE.compareAndSet(this, 0, 1)) {
				return false;
			}
			Disposable check = this.check;
			if (check != null) {
				check.dispose();
			}
			return true;
		}

	}

}
