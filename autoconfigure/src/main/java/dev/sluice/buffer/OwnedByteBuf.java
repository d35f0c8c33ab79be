package dev.sluice.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's reference to a buffer it hands on, counting its own references rather than reading
 * the shared count of the buffer it wraps, and telling its ledger entry, if any, once all of them
 * are released. Others may hold the inner buffer too, and once it is released a pooled buffer
 * object is recycled and may already carry another exchange's bytes, so its count says nothing
 * about this reference. Whoever releases it (the server after a flush, the upstream connection
 * after a write, a filter, or the copying writer reclaiming a dropped copy) goes through this
 * wrapper, or through one of its slices and duplicates, which share its count as Netty's derived
 * buffers share their parent's, so the ledger is exact and needs no garbage collection.
 */
public final class OwnedByteBuf extends CountSharingByteBuf {

	private static final VarHandle REFERENCES;

	static {
		try {
			REFERENCES = MethodHandles.lookup().findVarHandle(OwnedByteBuf.class, "references", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final @Nullable LedgerEntry entry;

	private final int bytes;

	private volatile int references = 1;

	/**
	 * Wraps a buffer the caller owns.
	 * @param buffer the buffer, whose single reference passes to this wrapper
	 * @param entry the ledger entry told of the acquisition now and of the release later, or
	 * {@code null} when nothing is tracked
	 */
	OwnedByteBuf(ByteBuf buffer, @Nullable LedgerEntry entry) {
		super(buffer);
		this.entry = entry;
		this.bytes = buffer.readableBytes();
		if (entry != null) {
			entry.acquired(this.bytes);
		}
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
	public boolean isReleased() {
		return this.references == 0;
	}

	/**
	 * Releases the single reference its holder took, if the holder has not released it: for a
	 * holder known to have dropped the buffer, such as a Servlet writer that ignored a write.
	 * @param hint what the buffer's leak record should say about this release
	 * @return whether this call released it
	 */
	public boolean releaseDropped(Object hint) {
		if (!REFERENCES.compareAndSet(this, 1, 0)) {
			return false;
		}
		this.buf.touch(hint).release();
		allReleased();
		return true;
	}

	private void allReleased() {
		if (this.entry != null) {
			this.entry.released(this.bytes);
		}
	}

	@Override
	OwnedByteBuf owner() {
		return this;
	}

}
