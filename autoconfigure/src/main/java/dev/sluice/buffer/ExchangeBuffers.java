package dev.sluice.buffer;

import io.netty.buffer.ByteBuf;

/**
 * The buffers of one proxied exchange: every buffer the gateway hands on (to the server, to the
 * upstream connection) passes through {@link #track(ByteBuf)}, and the exchange reports how it
 * ended with {@link #end(ExchangeState)}.
 */
public interface ExchangeBuffers {

	/** Tracks nothing; used when tracking is off. */
	ExchangeBuffers UNTRACKED = new ExchangeBuffers() {

		@Override
		public ByteBuf track(ByteBuf buffer) {
			return buffer;
		}

		@Override
		public void end(ExchangeState state) {
		}

	};

	/**
	 * Takes ownership of a buffer for the ledger; the returned buffer must be handed on in its place.
	 * @param buffer a buffer with a reference count of at least one, owned by the caller
	 * @return the buffer to hand on; its final release is recorded
	 */
	ByteBuf track(ByteBuf buffer);

	/**
	 * Records how the exchange ended; buffers still outstanding a grace period later are leak
	 * suspects.
	 * @param state the end state
	 */
	void end(ExchangeState state);

}
