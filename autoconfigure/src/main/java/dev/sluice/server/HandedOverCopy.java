package dev.sluice.server;

import io.netty.buffer.ByteBuf;

import dev.sluice.buffer.OwnedByteBuf;

/**
 * A copy handed to the Servlet writer. Whether the writer released it is read from this copy's own
 * count ({@link OwnedByteBuf}), never from the pooled buffer inside.
 */
final class HandedOverCopy extends OwnedByteBuf {

	HandedOverCopy(ByteBuf copy) {
		super(copy);
	}

	/**
	 * Releases the copy if the writer has not.
	 * @return whether this call released it
	 */
	boolean reclaim() {
		return releaseDropped("sluice: heap copy dropped by the Servlet writer, reclaimed");
	}

}
