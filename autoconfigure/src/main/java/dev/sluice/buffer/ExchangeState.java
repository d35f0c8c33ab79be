package dev.sluice.buffer;

/**
 * How an exchange ended, as far as the buffer ledger is concerned.
 */
public enum ExchangeState {

	/** Still running. */
	RUNNING,

	/** Completed normally. */
	COMPLETE,

	/** Ended with an error. */
	ERROR,

	/** Cancelled, usually because the client went away. */
	CANCEL

}
