package dev.sluice.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * One exchange's entry in the {@link BufferLedger}, attributed to its route, method, path and
 * server: every buffer the gateway hands on (to the server, to the upstream connection) passes
 * through {@link #track(ByteBuf)}, and the exchange reports how it ended with
 * {@link #end(ExchangeState)}.
 */
public final class LedgerEntry {

	/** The entry of an exchange that nothing tracks: used when the ledger is off. */
	public static final LedgerEntry UNTRACKED = new LedgerEntry(null, new LedgerCounters(), "", "", "", "");

	// One record per exchange: plain fields behind handles rather than four atomic objects.
	private static final VarHandle OUTSTANDING;

	private static final VarHandle OUTSTANDING_BYTES;

	private static final VarHandle SUSPECTED;

	private static final VarHandle LISTED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			OUTSTANDING = lookup.findVarHandle(LedgerEntry.class, "outstanding", long.class);
			OUTSTANDING_BYTES = lookup.findVarHandle(LedgerEntry.class, "outstandingBytes", long.class);
			SUSPECTED = lookup.findVarHandle(LedgerEntry.class, "suspected", boolean.class);
			LISTED = lookup.findVarHandle(LedgerEntry.class, "listed", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final @Nullable BufferLedger ledger;

	private final LedgerCounters routeCounters;

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

	LedgerEntry(@Nullable BufferLedger ledger, LedgerCounters routeCounters, String routeId, String method, String path,
			String server) {
		this.ledger = ledger;
		this.routeCounters = routeCounters;
		this.routeId = routeId;
		this.method = method;
		this.path = path;
		this.server = server;
	}

	/**
	 * Takes ownership of a buffer for the ledger; the returned buffer must be handed on in its
	 * place. Untracked, the buffer itself is returned.
	 * @param buffer a buffer with a reference count of at least one, owned by the caller
	 * @return the buffer to hand on; its final release is recorded
	 */
	public ByteBuf track(ByteBuf buffer) {
		return (this.ledger != null) ? new OwnedByteBuf(buffer, this) : buffer;
	}

	/**
	 * Takes ownership of a buffer whose holder may drop it, tracked or not, so that its release can
	 * be checked and done for the holder ({@link OwnedByteBuf#releaseDropped(Object)}).
	 * @param buffer a buffer with a reference count of one, owned by the caller
	 * @return the buffer to hand on; its final release is recorded
	 */
	public OwnedByteBuf own(ByteBuf buffer) {
		return new OwnedByteBuf(buffer, (this.ledger != null) ? this : null);
	}

	/**
	 * Records how the exchange ended; buffers still outstanding a grace period later make it a
	 * leak suspect. A running exchange is listed by the ledger from its first buffer; an ended one
	 * only while it still holds buffers, so a streamed body does not add and remove its exchange
	 * once per buffer.
	 * @param state the end state
	 */
	public void end(ExchangeState state) {
		if (this.ledger == null) {
			return;
		}
		this.state = state;
		if (this.outstanding > 0) {
			this.ledger.checkAfterGrace(this);
		}
		else {
			unlist();
		}
	}

	// Called by OwnedByteBuf only for a tracked entry, whose ledger is set.
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

	OutstandingEntry describe() {
		return new OutstandingEntry(this.routeId, this.method, this.path, this.server,
				Instant.ofEpochMilli(this.startedMillis), Duration.ofNanos(System.nanoTime() - this.startedNanos).toMillis(),
				this.state, this.outstanding, this.outstandingBytes);
	}

}
