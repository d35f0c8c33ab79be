package dev.sluice.buffer;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;

/**
 * The buffer account of one exchange, attributed to its route, method, path and server.
 */
final class ExchangeRecord implements ExchangeBuffers {

	private final BufferLedger ledger;

	private final BufferCounters routeCounters;

	private final String routeId;

	private final String method;

	private final String path;

	private final String server;

	private final Instant started = Instant.now();

	private final long startedNanos = System.nanoTime();

	private final AtomicLong outstanding = new AtomicLong();

	private final AtomicLong outstandingBytes = new AtomicLong();

	private final AtomicBoolean suspected = new AtomicBoolean();

	private final AtomicBoolean listed = new AtomicBoolean();

	private volatile ExchangeState state = ExchangeState.RUNNING;

	ExchangeRecord(BufferLedger ledger, BufferCounters routeCounters, String routeId, String method, String path,
			String server) {
		this.ledger = ledger;
		this.routeCounters = routeCounters;
		this.routeId = routeId;
		this.method = method;
		this.path = path;
		this.server = server;
	}

	@Override
	public ByteBuf track(ByteBuf buffer) {
		return new TrackedByteBuf(buffer, this);
	}

	/**
	 * Records how the exchange ended. A running exchange is listed by the ledger from its first
	 * buffer; an ended one only while it still holds buffers, so a streamed body does not add and
	 * remove its exchange once per buffer.
	 */
	@Override
	public void end(ExchangeState state) {
		this.state = state;
		if (this.outstanding.get() > 0) {
			this.ledger.checkAfterGrace(this);
		}
		else {
			unlist();
		}
	}

	void acquired(int bytes) {
		this.ledger.total().acquire(bytes);
		this.routeCounters.acquire(bytes);
		this.outstandingBytes.addAndGet(bytes);
		if (this.outstanding.incrementAndGet() == 1) {
			if (this.listed.compareAndSet(false, true)) {
				this.ledger.holding(this);
				this.ledger.total().sampleHighWater();
				this.routeCounters.sampleHighWater();
			}
			if (this.state != ExchangeState.RUNNING) {
				this.ledger.checkAfterGrace(this);
			}
		}
	}

	void released(int bytes) {
		this.ledger.total().release(bytes);
		this.routeCounters.release(bytes);
		this.outstandingBytes.addAndGet(-bytes);
		if (this.outstanding.decrementAndGet() == 0 && this.state != ExchangeState.RUNNING) {
			unlist();
		}
	}

	private void unlist() {
		if (this.listed.compareAndSet(true, false)) {
			this.ledger.notHolding(this);
		}
	}

	boolean holdsBuffers() {
		return this.outstanding.get() > 0;
	}

	boolean stillHoldsAfterEnd() {
		return this.state != ExchangeState.RUNNING && this.outstanding.get() > 0;
	}

	boolean markSuspected() {
		return this.suspected.compareAndSet(false, true);
	}

	long startedNanos() {
		return this.startedNanos;
	}

	OutstandingExchange describe() {
		return new OutstandingExchange(this.routeId, this.method, this.path, this.server, this.started,
				Duration.ofNanos(System.nanoTime() - this.startedNanos).toMillis(), this.state, this.outstanding.get(),
				this.outstandingBytes.get());
	}

}
