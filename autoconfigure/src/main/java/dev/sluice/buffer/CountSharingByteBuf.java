package dev.sluice.buffer;

import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.WrappedByteBuf;

/**
 * What an {@link OwnedByteBuf} and its slices and duplicates share: every view taken from either
 * shares the owner's reference count, as Netty's own derived buffers share their parent's.
 * {@link WrappedByteBuf} takes views from the inner buffer, so releasing one released the inner
 * buffer and never the owner's count; Netty's HTTP/2 frame writer hands on the last frame of every
 * DATA payload as such a slice (see docs/servers.md, HTTP/2).
 */
abstract class CountSharingByteBuf extends WrappedByteBuf {

	CountSharingByteBuf(ByteBuf buffer) {
		super(buffer);
	}

	/**
	 * Returns the buffer whose count this one shares.
	 * @return the owner
	 */
	abstract OwnedByteBuf owner();

	/**
	 * Returns this buffer when the order already matches. {@link WrappedByteBuf} returns the inner
	 * buffer instead, and Netty's {@code CompositeByteBuf} keeps whatever {@code order(BIG_ENDIAN)}
	 * returns as the reference it releases, which would skip the owner's count.
	 */
	@Override
	public ByteBuf order(ByteOrder endianness) {
		return (endianness == order()) ? this : super.order(endianness);
	}

	@Override
	public ByteBuf slice() {
		return new Derived(this.buf.slice(), owner());
	}

	@Override
	public ByteBuf slice(int index, int length) {
		return new Derived(this.buf.slice(index, length), owner());
	}

	@Override
	public ByteBuf readSlice(int length) {
		return new Derived(this.buf.readSlice(length), owner());
	}

	@Override
	public ByteBuf duplicate() {
		return new Derived(this.buf.duplicate(), owner());
	}

	@Override
	public ByteBuf asReadOnly() {
		return isReadOnly() ? this : new Derived(this.buf.asReadOnly(), owner());
	}

	@Override
	public ByteBuf retainedSlice() {
		return slice().retain();
	}

	@Override
	public ByteBuf retainedSlice(int index, int length) {
		return slice(index, length).retain();
	}

	@Override
	public ByteBuf readRetainedSlice(int length) {
		return readSlice(length).retain();
	}

	@Override
	public ByteBuf retainedDuplicate() {
		return duplicate().retain();
	}

	/**
	 * A slice or duplicate of an {@link OwnedByteBuf}, as Netty defines them: its own indexes over the
	 * same bytes, and its owner's reference count, so that releasing it releases the owner.
	 */
	private static final class Derived extends CountSharingByteBuf {

		private final OwnedByteBuf owner;

		// The view is a plain slice or duplicate of the inner buffer, never a retained one: it shares
		// the inner buffer's count, which is what refCnt() (final in WrappedByteBuf) reads.
		Derived(ByteBuf view, OwnedByteBuf owner) {
			super(view);
			this.owner = owner;
		}

		@Override
		OwnedByteBuf owner() {
			return this.owner;
		}

		@Override
		public ByteBuf retain() {
			this.owner.retain();
			return this;
		}

		@Override
		public ByteBuf retain(int increment) {
			this.owner.retain(increment);
			return this;
		}

		@Override
		public boolean release() {
			return this.owner.release();
		}

		@Override
		public boolean release(int decrement) {
			return this.owner.release(decrement);
		}

	}

}
