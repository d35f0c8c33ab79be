package dev.sluice.buffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Acquired, released and outstanding buffers, in total or for one route.
 */
final class BufferCounters {

	private final LongAdder acquired = new LongAdder();

	private final LongAdder released = new LongAdder();

	private final AtomicLong outstanding = new AtomicLong();

	private final AtomicLong outstandingBytes = new AtomicLong();

	private final AtomicLong highWater = new AtomicLong();

	void acquire(int bytes) {
		this.acquired.increment();
		long now = this.outstanding.incrementAndGet();
		this.outstandingBytes.addAndGet(bytes);
		if (now > this.highWater.get()) {
			this.highWater.accumulateAndGet(now, Math::max);
		}
	}

	void release(int bytes) {
		this.released.increment();
		this.outstanding.decrementAndGet();
		this.outstandingBytes.addAndGet(-bytes);
	}

	long acquired() {
		return this.acquired.sum();
	}

	long released() {
		return this.released.sum();
	}

	long outstanding() {
		return this.outstanding.get();
	}

	BufferFigures figures() {
		return new BufferFigures(this.acquired.sum(), this.released.sum(), this.outstanding.get(),
				this.outstandingBytes.get(), this.highWater.get());
	}

}
