package dev.sluice.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * A Servlet request body whose demand reaches the container on a container thread. Spring's
 * Servlet adapter reads the body with a non-blocking {@code ReadListener} and, when demand
 * arrives after reading paused, asks {@code isReady()} on the thread that signalled the demand:
 * for a proxied body that is a Netty event loop of the upstream connection. The Servlet
 * specification calls {@code onDataAvailable} again only once the previous call has returned to
 * the container, and Tomcat can then miss the wake-up: a large upload stalls until the request
 * times out. Dispatching each request for more through {@link AsyncContext#start(Runnable)}, one
 * at a time, keeps the read on the container's threads.
 */
final class ServletRequestBody {

	private ServletRequestBody() {
	}

	/**
	 * Returns the body of a request, with demand dispatched to the container when the request is a
	 * Servlet request in async mode.
	 * @param request the request
	 * @return the body
	 */
	static Flux<DataBuffer> of(ServerHttpRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		if (!(nativeRequest instanceof HttpServletRequest servletRequest) || !servletRequest.isAsyncStarted()) {
			return request.getBody();
		}
		AsyncContext asyncContext = servletRequest.getAsyncContext();
		Flux<DataBuffer> body = request.getBody();
		return Flux.from((subscriber) -> body.subscribe(new DispatchingSubscriber(subscriber, asyncContext)));
	}

	/**
	 * Passes signals through and turns each {@code request(n)} into a serial task on a container
	 * thread.
	 */
	private static final class DispatchingSubscriber implements CoreSubscriber<DataBuffer>, Subscription {

		private final org.reactivestreams.Subscriber<? super DataBuffer> actual;

		private final AsyncContext asyncContext;

		private final AtomicLong pending = new AtomicLong();

		private final AtomicInteger dispatching = new AtomicInteger();

		private volatile Subscription upstream;

		private volatile boolean cancelled;

		DispatchingSubscriber(org.reactivestreams.Subscriber<? super DataBuffer> actual, AsyncContext asyncContext) {
			this.actual = actual;
			this.asyncContext = asyncContext;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(DataBuffer buffer) {
			this.actual.onNext(buffer);
		}

		@Override
		public void onError(Throwable error) {
			this.actual.onError(error);
		}

		@Override
		public void onComplete() {
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			if (!Operators.validate(n) || this.cancelled) {
				return;
			}
			this.pending.accumulateAndGet(n, Operators::addCap);
			if (this.dispatching.getAndIncrement() == 0) {
				dispatch();
			}
		}

		private void dispatch() {
			try {
				this.asyncContext.start(this::drain);
			}
			catch (IllegalStateException ex) {
				// The request is no longer async (it completed or failed): nothing is left to read.
				this.dispatching.set(0);
			}
		}

		private void drain() {
			int missed = 1;
			for (;;) {
				long n = this.pending.getAndSet(0);
				if (n > 0 && !this.cancelled) {
					this.upstream.request(n);
				}
				missed = this.dispatching.addAndGet(-missed);
				if (missed == 0) {
					return;
				}
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			this.upstream.cancel();
		}

	}

}
