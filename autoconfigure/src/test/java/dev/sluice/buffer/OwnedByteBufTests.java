package dev.sluice.buffer;

import java.nio.ByteOrder;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one buffer wrapper: its own reference count, the release it reports to its ledger entry, the
 * release of a copy its holder dropped, and the identity Netty's composite buffers keep.
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

	private ByteBuf bytes(int length) {
		return this.allocator.directBuffer(length).writeZero(length);
	}

}
