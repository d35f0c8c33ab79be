package dev.sluice.server;

import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.WrappedByteBuf;

/**
 * A copy handed to the Servlet writer, with its own reference count. Whether the writer released
 * it must be read here, never from the pooled buffer inside: once released, that buffer object is
 * recycled and may already belong to another exchange, so its count says nothing about this copy.
 */
final class HandedOverCopy extends WrappedByteBuf {

	private static final AtomicIntegerFieldUpdater<HandedOverCopy> REFERENCES = AtomicIntegerFieldUpdater
		.newUpdater(HandedOverCopy.class, "references");

	private volatile int references = 1;

	HandedOverCopy(ByteBuf copy) {
		super(copy);
	}

	/**
	 * Returns whether every reference to this copy has been released.
	 * @return whether it is released
	 */
	boolean released() {
		return this.references == 0;
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
		REFERENCES.addAndGet(this, -decrement);
		return this.buf.release(decrement);
	}

	/**
	 * Releases the copy if its holder has not, once and for the holder's reference only.
	 * @return whether this call released it
	 */
	boolean reclaim() {
		for (;;) {
			int references = this.references;
			if (references != 1) {
				return false;
			}
			if (REFERENCES.compareAndSet(this, 1, 0)) {
				this.buf.touch("sluice: heap copy dropped by the Servlet writer, reclaimed").release();
				return true;
			}
		}
	}

	/**
	 * Returns this copy when the order already matches; {@link WrappedByteBuf} would return the
	 * inner buffer, and whoever keeps that would release it past this count.
	 */
	@Override
	public ByteBuf order(ByteOrder endianness) {
		return (endianness == order()) ? this : super.order(endianness);
	}

}
