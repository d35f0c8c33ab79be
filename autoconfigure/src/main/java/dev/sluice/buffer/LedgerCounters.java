package dev.sluice.buffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Acquired and released buffers, in total or for one route. Every buffer updates these from
 * whichever event loop handles it, so they are striped adders rather than single atomics that both
 * loops would fight over; what is outstanding is their difference, read when asked.
 */
final class LedgerCounters {

	private final LongAdder acquired = new LongAdder();

	private final LongAdder released = new LongAdder();

	private final LongAdder acquiredBytes = new LongAdder();

	private final LongAdder releasedBytes = new LongAdder();

	private final AtomicLong highWater = new AtomicLong();

	void acquire(int bytes) {
		this.acquired.increment();
		this.acquiredBytes.add(bytes);
	}

	void release(int bytes) {
		this.released.increment();
		this.releasedBytes.add(bytes);
	}

	/**
	 * Raises the high-water mark to what is outstanding now. Sampled once per exchange, when it
	 * takes its first buffer, and on every read, not on every buffer.
	 */
	void sampleHighWater() {
		long releasedNow = this.released.sum();
		raiseHighWater(this.acquired.sum() - releasedNow);
	}

	/**
	 * Reads the figures. Releases are read before acquisitions: a release is counted after its
	 * acquisition, so what is outstanding never reads negative.
	 */
	LedgerFigures figures() {
		long releasedBytesNow = this.releasedBytes.sum();
		long outstandingBytes = this.acquiredBytes.sum() - releasedBytesNow;
		long releasedNow = this.released.sum();
		long acquiredNow = this.acquired.sum();
		long outstanding = acquiredNow - releasedNow;
		return new LedgerFigures(acquiredNow, releasedNow, outstanding, outstandingBytes, raiseHighWater(outstanding));
	}

	private long raiseHighWater(long outstanding) {
		long highWater = this.highWater.get();
		return (outstanding > highWater) ? this.highWater.accumulateAndGet(outstanding, Math::max) : highWater;
	}

}
