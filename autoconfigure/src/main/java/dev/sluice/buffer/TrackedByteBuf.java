package dev.sluice.buffer;

import io.netty.buffer.ByteBuf;

/**
 * One reference to a buffer, handed on by the gateway, whose release is recorded by the ledger.
 * It counts its own references ({@link OwnedByteBuf}): Reactor Netty releases its own reference
 * after {@code onNext}, possibly after the server already flushed and released ours, and the
 * ledger answers for the gateway's reference only. Whoever releases it, the server after a flush,
 * the upstream connection after a write, or a filter, goes through this wrapper, so the count is
 * exact and needs no garbage collection.
 */
final class TrackedByteBuf extends OwnedByteBuf {

	private final ExchangeRecord exchange;

	private final int bytes;

	TrackedByteBuf(ByteBuf buffer, ExchangeRecord exchange) {
		super(buffer);
		this.exchange = exchange;
		this.bytes = buffer.readableBytes();
		exchange.acquired(this.bytes);
	}

	@Override
	protected void allReleased() {
		this.exchange.released(this.bytes);
	}

}
