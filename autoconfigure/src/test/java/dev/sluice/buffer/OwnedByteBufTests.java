package dev.sluice.buffer;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one buffer wrapper: its own reference count, the release it reports to its ledger entry, the
 * release of a copy its holder dropped, the identity Netty's composite buffers keep, and the count
 * its slices and duplicates share.
 */
class OwnedByteBufTests {

	private final BufferLedger ledger = new BufferLedger(Duration.ofMinutes(1), 10);

	private final LedgerEntry entry = this.ledger.open("route", "GET", "/path", "test");

	private final PooledByteBufAllocator allocator = new PooledByteBufAllocator(false);

	@AfterEach
	void endEntry() {
		this.entry.end(ExchangeState.COMPLETE);
	}

	@Test
	void reportsTheReleaseOnceTheLastOwnReferenceIsReleased() {
		ByteBuf inner = bytes(100);
		ByteBuf owned = this.entry.track(inner);
		assertThat(owned).isInstanceOf(OwnedByteBuf.class);
		assertThat(this.ledger.totals().outstanding()).isEqualTo(1);
		assertThat(this.ledger.totals().outstanding()).isEqualTo(1);
		owned.retain();
		assertThat(owned.release()).isFalse();
		assertThat(((OwnedByteBuf) owned).isReleased()).isFalse();
		assertThat(this.ledger.totals().outstanding()).isEqualTo(1);
		assertThat(owned.release()).isTrue();
		assertThat(((OwnedByteBuf) owned).isReleased()).isTrue();
		assertThat(inner.refCnt()).isZero();
		LedgerFigures figures = this.ledger.totals();
		assertThat(figures.acquired()).isEqualTo(1);
		assertThat(figures.released()).isEqualTo(1);
		assertThat(figures.outstanding()).isZero();
		assertThat(figures.outstandingBytes()).isZero();
	}

	@Test
	void countsItsOwnReferencesNotTheSharedCountOfTheInnerBuffer() {
		ByteBuf inner = bytes(10);
		inner.retain();
		ByteBuf owned = this.entry.track(inner);
		assertThat(owned.release()).isFalse();
		assertThat(((OwnedByteBuf) owned).isReleased()).isTrue();
		assertThat(this.ledger.totals().outstanding()).isZero();
		assertThat(inner.refCnt()).isEqualTo(1);
		inner.release();
	}

	@Test
	void releasesADroppedBufferOnceAndOnlyIfItsHolderDidNot() {
		ByteBuf dropped = bytes(10);
		OwnedByteBuf ownedDropped = this.entry.own(dropped);
		assertThat(ownedDropped.releaseDropped("test: dropped")).isTrue();
		assertThat(dropped.refCnt()).isZero();
		assertThat(ownedDropped.releaseDropped("test: dropped again")).isFalse();

		ByteBuf written = bytes(10);
		OwnedByteBuf ownedWritten = this.entry.own(written);
		ownedWritten.release();
		assertThat(ownedWritten.releaseDropped("test: already released")).isFalse();

		ByteBuf retained = bytes(10);
		OwnedByteBuf ownedRetained = this.entry.own(retained);
		ownedRetained.retain();
		assertThat(ownedRetained.releaseDropped("test: still held twice")).isFalse();
		ownedRetained.release(2);
		assertThat(this.ledger.totals().acquired()).isEqualTo(3);
		assertThat(this.ledger.totals().outstanding()).isZero();
	}

	@Test
	void ownsUntrackedBuffersWithoutALedger() {
		ByteBuf plain = bytes(10);
		assertThat(LedgerEntry.UNTRACKED.track(plain)).isSameAs(plain);
		OwnedByteBuf owned = LedgerEntry.UNTRACKED.own(plain);
		assertThat(owned.releaseDropped("test: untracked")).isTrue();
		assertThat(plain.refCnt()).isZero();
		assertThat(this.ledger.totals().acquired()).isZero();
	}

	@Test
	void keepsItsIdentityWhenAskedForTheOrderItAlreadyHas() {
		ByteBuf owned = this.entry.track(bytes(10));
		assertThat(owned.order(ByteOrder.BIG_ENDIAN)).isSameAs(owned);
		CompositeByteBuf composite = Unpooled.compositeBuffer();
		composite.addComponent(true, owned);
		composite.release();
		assertThat(((OwnedByteBuf) owned).isReleased()).isTrue();
		assertThat(this.ledger.totals().outstanding()).isZero();
	}

	@Test
	void sharesItsOwnCountWithItsSlicesAndDuplicates() {
		Map<String, UnaryOperator<ByteBuf>> derivations = Map.of("slice()", ByteBuf::slice, "slice(index, length)",
				(buffer) -> buffer.slice(1, 8), "readSlice", (buffer) -> buffer.readSlice(8), "duplicate",
				ByteBuf::duplicate, "asReadOnly", ByteBuf::asReadOnly, "slice of a duplicate",
				(buffer) -> buffer.duplicate().slice(2, 4));
		derivations.forEach((name, derive) -> {
			ByteBuf inner = bytes(10);
			OwnedByteBuf owned = (OwnedByteBuf) this.entry.track(inner);
			ByteBuf derived = derive.apply(owned);
			assertThat(derived.refCnt()).as(name).isEqualTo(1);
			assertThat(derived.release()).as(name).isTrue();
			assertThat(owned.isReleased()).as(name).isTrue();
			assertThat(inner.refCnt()).as(name).isZero();
		});
		assertThat(this.ledger.totals().outstanding()).isZero();
	}

	@Test
	void countsRetainedSlicesAndDuplicatesAsItsOwnReferences() {
		Map<String, UnaryOperator<ByteBuf>> derivations = Map.of("retainedSlice()", ByteBuf::retainedSlice,
				"retainedSlice(index, length)", (buffer) -> buffer.retainedSlice(1, 8), "readRetainedSlice",
				(buffer) -> buffer.readRetainedSlice(8), "retainedDuplicate", ByteBuf::retainedDuplicate,
				"retained slice of a slice", (buffer) -> buffer.slice().retainedSlice(2, 4));
		derivations.forEach((name, derive) -> {
			ByteBuf inner = bytes(10);
			OwnedByteBuf owned = (OwnedByteBuf) this.entry.track(inner);
			ByteBuf derived = derive.apply(owned);
			assertThat(owned.refCnt()).as(name).isEqualTo(2);
			derived.release();
			assertThat(owned.isReleased()).as(name).isFalse();
			assertThat(this.ledger.totals().outstanding()).as(name).isEqualTo(1);
			assertThat(owned.release()).as(name).isTrue();
			assertThat(owned.isReleased()).as(name).isTrue();
			assertThat(inner.refCnt()).as(name).isZero();
		});
		assertThat(this.ledger.totals().outstanding()).isZero();
	}

	@Test
	void readsTheInnerBytesThroughASlice() {
		ByteBuf inner = this.allocator.directBuffer(6).writeBytes(new byte[] { 1, 2, 3, 4, 5, 6 });
		ByteBuf owned = this.entry.track(inner);
		owned.skipBytes(1);
		ByteBuf slice = owned.readSlice(4);
		assertThat(slice.getByte(0)).isEqualTo((byte) 2);
		assertThat(slice.nioBuffer().get(3)).isEqualTo((byte) 5);
		assertThat(slice.readableBytes()).isEqualTo(4);
		assertThat(owned.readableBytes()).isEqualTo(1);
		assertThat(slice.hasMemoryAddress()).isEqualTo(inner.hasMemoryAddress());
		slice.release();
		assertThat(this.ledger.totals().outstanding()).isZero();
	}

	/**
	 * Netty's HTTP/2 frame writer cuts a DATA payload into frames with {@code readRetainedSlice} and
	 * hands the last frame on as {@code readSlice}, which the transport releases after the write:
	 * the wrapper itself is never released by anyone.
	 */
	@Test
	void isReleasedWhenNettysHttp2FrameWriterHasWrittenItsFrames() throws Exception {
		List<ByteBuf> written = new ArrayList<>();
		EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
		ChannelHandlerContext context = channel.pipeline().firstContext();
		OwnedByteBuf small = (OwnedByteBuf) this.entry.track(bytes(1000));
		OwnedByteBuf large = (OwnedByteBuf) this.entry.track(bytes(40_000));
		DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
		writer.writeData(context, 3, small, 0, false, channel.newPromise());
		writer.writeData(context, 3, large, 0, true, channel.newPromise());
		channel.flushOutbound();
		for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
			written.add((ByteBuf) message);
		}
		assertThat(written).hasSize(2 + 2 * 3);
		written.forEach(ByteBuf::release);
		assertThat(small.isReleased()).isTrue();
		assertThat(large.isReleased()).isTrue();
		assertThat(this.ledger.totals().outstanding()).isZero();
		assertThat(channel.finish()).isFalse();
	}

	private ByteBuf bytes(int length) {
		return this.allocator.directBuffer(length).writeZero(length);
	}

}
