package dev.sluice.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.WrappedByteBuf;

/**
 * A reference to a buffer, handed on by the gateway, that counts its own references rather than
 * reading the shared count of the buffer it wraps. Others may hold that buffer too, and once it is
 * released a pooled buffer object is recycled and may already carry another exchange's bytes, so
 * its count says nothing about this reference.
 */
public abstract class OwnedByteBuf extends WrappedByteBuf {

	private static final VarHandle REFERENCES;

	static {
		try {
			REFERENCES = MethodHandles.lookup().findVarHandle(OwnedByteBuf.class, "references", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private volatile int references = 1;

	protected OwnedByteBuf(ByteBuf buffer) {
		super(buffer);
	}

	@Override
	public ByteBuf retain() {
		return retain(1);
	}

	@Override
	public ByteBuf retain(int increment) {
		REFERENCES.getAndAdd(this, increment);
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
		if ((int) REFERENCES.getAndAdd(this, -decrement) == decrement) {
			allReleased();
		}
		return freed;
	}

	/**
	 * Returns whether every reference to this buffer has been released.
	 * @return whether it is released
	 */
	public final boolean isReleased() {
		return this.references == 0;
	}

	/**
	 * Releases the single reference its holder took, if the holder has not released it: for a
	 * holder known to have dropped the buffer.
	 * @param hint what the buffer's leak record should say about this release
	 * @return whether this call released it
	 */
	protected final boolean releaseDropped(Object hint) {
		if (!REFERENCES.compareAndSet(this, 1, 0)) {
			return false;
		}
		this.buf.touch(hint).release();
		allReleased();
		return true;
	}

	/**
	 * Called once, when the last reference is released.
	 */
	protected void allReleased() {
	}

	/**
	 * Returns this buffer when the order already matches. {@link WrappedByteBuf} returns the inner
	 * buffer instead, and Netty's {@code CompositeByteBuf} keeps whatever {@code order(BIG_ENDIAN)}
	 * returns as the reference it releases, which would skip this count.
	 */
	@Override
	public ByteBuf order(ByteOrder endianness) {
		return (endianness == order()) ? this : super.order(endianness);
	}

}
