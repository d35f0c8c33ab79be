package dev.sluice.buffer;

import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.WrappedByteBuf;

/**
 * One reference to a buffer, handed on by the gateway, whose release is recorded by the ledger.
 * The wrapper counts its own references rather than reading the shared count of the buffer it
 * wraps: others may hold that buffer too (Reactor Netty releases its own reference after
 * {@code onNext}, possibly after the server already flushed and released ours), and the ledger
 * answers for the gateway's reference only. Whoever releases it, the server after a flush, the
 * upstream connection after a write, or a filter, goes through this wrapper, so the count is exact
 * and needs no garbage collection.
 */
final class TrackedByteBuf extends WrappedByteBuf {

	private static final AtomicIntegerFieldUpdater<TrackedByteBuf> REFERENCES = AtomicIntegerFieldUpdater
		.newUpdater(TrackedByteBuf.class, "references");

	private final ExchangeRecord exchange;

	private final int bytes;

	private volatile int references = 1;

	TrackedByteBuf(ByteBuf buffer, ExchangeRecord exchange) {
		super(buffer);
		this.exchange = exchange;
		this.bytes = buffer.readableBytes();
		exchange.acquired(this.bytes);
	}

	@Override
	public ByteBuf retain() {
		return retain(1);
	}

	@Override
	public ByteBuf retain(int increment) {
		REFERENCES.addAndGet(this, increment);
		this.buf.retain(increment);
		return this;
	}

	@Override
	public boolean release() {
		return release(1);
	}

	@Override
	public boolean release(int decrement) {
		boolean freed = this.buf.release(decrement);
		if (REFERENCES.addAndGet(this, -decrement) == 0) {
			this.exchange.released(this.bytes);
		}
		return freed;
	}

	/**
	 * Returns this buffer when the order already matches. {@link WrappedByteBuf} returns the inner
	 * buffer instead, and Netty's {@code CompositeByteBuf} keeps whatever {@code order(BIG_ENDIAN)}
	 * returns as the reference it releases, which would skip the ledger.
	 */
	@Override
	public ByteBuf order(ByteOrder endianness) {
		return (endianness == order()) ? this : super.order(endianness);
	}

}
