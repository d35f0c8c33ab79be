package dev.sluice.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;

import io.netty.buffer.ByteBuf;

/**
 * The buffer account of one exchange, attributed to its route, method, path and server.
 */
final class ExchangeRecord implements ExchangeBuffers {

	// One record per exchange: plain fields behind handles rather than four atomic objects.
	private static final VarHandle OUTSTANDING;

	private static final VarHandle OUTSTANDING_BYTES;

	private static final VarHandle SUSPECTED;

	private static final VarHandle LISTED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			OUTSTANDING = lookup.findVarHandle(ExchangeRecord.class, "outstanding", long.class);
			OUTSTANDING_BYTES = lookup.findVarHandle(ExchangeRecord.class, "outstandingBytes", long.class);
			SUSPECTED = lookup.findVarHandle(ExchangeRecord.class, "suspected", boolean.class);
			LISTED = lookup.findVarHandle(ExchangeRecord.class, "listed", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final BufferLedger ledger;

	private final BufferCounters routeCounters;

	private final String routeId;

	private final String method;

	private final String path;

	private final String server;

	private final long startedMillis = System.currentTimeMillis();

	private final long startedNanos = System.nanoTime();

	private volatile long outstanding;

	private volatile long outstandingBytes;

	private volatile boolean suspected;

	private volatile boolean listed;

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
		if (this.outstanding > 0) {
			this.ledger.checkAfterGrace(this);
		}
		else {
			unlist();
		}
	}

	void acquired(int bytes) {
		this.ledger.total().acquire(bytes);
		this.routeCounters.acquire(bytes);
		OUTSTANDING_BYTES.getAndAdd(this, (long) bytes);
		if ((long) OUTSTANDING.getAndAdd(this, 1L) == 0) {
			if (LISTED.compareAndSet(this, false, true)) {
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
		OUTSTANDING_BYTES.getAndAdd(this, (long) -bytes);
		if ((long) OUTSTANDING.getAndAdd(this, -1L) == 1 && this.state != ExchangeState.RUNNING) {
			unlist();
		}
	}

	private void unlist() {
		if (LISTED.compareAndSet(this, true, false)) {
			this.ledger.notHolding(this);
		}
	}

	boolean holdsBuffers() {
		return this.outstanding > 0;
	}

	boolean stillHoldsAfterEnd() {
		return this.state != ExchangeState.RUNNING && this.outstanding > 0;
	}

	boolean markSuspected() {
		return SUSPECTED.compareAndSet(this, false, true);
	}

	long startedNanos() {
		return this.startedNanos;
	}

	OutstandingExchange describe() {
		return new OutstandingExchange(this.routeId, this.method, this.path, this.server,
				Instant.ofEpochMilli(this.startedMillis), Duration.ofNanos(System.nanoTime() - this.startedNanos).toMillis(),
				this.state, this.outstanding, this.outstandingBytes);
	}

}
