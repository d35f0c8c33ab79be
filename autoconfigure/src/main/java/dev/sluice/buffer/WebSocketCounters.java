package dev.sluice.buffer;

import java.util.concurrent.atomic.LongAdder;

/**
 * The WebSocket sessions of one route: how many are open now, how many have opened, and how many
 * frames they have relayed. The frames' buffers are counted like any other, through the session's
 * {@link LedgerEntry}; these figures say how many of a route's buffers were frames and which
 * sessions still hold the route open.
 */
public final class WebSocketCounters {

	/** Counters that nothing reads: used when the ledger is off. */
	public static final WebSocketCounters UNTRACKED = new WebSocketCounters();

	private final LongAdder open = new LongAdder();

	private final LongAdder opened = new LongAdder();

	private final LongAdder frames = new LongAdder();

	WebSocketCounters() {
	}

	/** Records a session whose both sides are connected. */
	public void opened() {
		this.opened.increment();
		this.open.increment();
	}

	/** Records the end of a session that {@link #opened()}. */
	public void closed() {
		this.open.decrement();
	}

	/** Records one frame relayed, in either direction. */
	public void frame() {
		this.frames.increment();
	}

	WebSocketFigures figures() {
		return new WebSocketFigures(this.open.sum(), this.opened.sum(), this.frames.sum());
	}

}
