package dev.sluice.buffer;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's grace-period check, on a virtual clock: an exchange that ended holding buffers is a
 * suspect only once the grace period has passed and only if it still holds them then.
 */
class BufferLedgerTests {

	private static final Duration GRACE = Duration.ofSeconds(5);

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	private final BufferLedger ledger = new BufferLedger(GRACE, 10, this.clock);

	@Test
	void recordsASuspectWhenAnEndedExchangeStillHoldsBuffersAfterTheGracePeriod() {
		LedgerEntry entry = this.ledger.open("leaky", "GET", "/leak", "test");
		ByteBuf held = entry.track(Unpooled.buffer(8).writeLong(1));
		entry.end(ExchangeState.CANCEL);
		this.clock.advanceTimeBy(GRACE.minusMillis(1));
		assertThat(this.ledger.suspects()).isEmpty();
		assertThat(this.ledger.outstanding(10)).singleElement()
			.satisfies((outstanding) -> assertThat(outstanding.state()).isEqualTo(ExchangeState.CANCEL));
		this.clock.advanceTimeBy(Duration.ofMillis(1));
		assertThat(this.ledger.suspects()).singleElement().satisfies((suspect) -> {
			assertThat(suspect.exchange().route()).isEqualTo("leaky");
			assertThat(suspect.exchange().path()).isEqualTo("/leak");
			assertThat(suspect.exchange().buffers()).isEqualTo(1);
			assertThat(suspect.exchange().bytes()).isEqualTo(8);
		});
		held.release();
		assertThat(this.ledger.outstanding(10)).isEmpty();
		assertThat(this.ledger.route("leaky").outstanding()).isZero();
	}

	@Test
	void recordsNoSuspectWhenTheBuffersAreReleasedWithinTheGracePeriod() {
		LedgerEntry entry = this.ledger.open("late", "GET", "/late", "test");
		ByteBuf held = entry.track(Unpooled.buffer(4).writeInt(1));
		entry.end(ExchangeState.ERROR);
		this.clock.advanceTimeBy(GRACE.dividedBy(2));
		held.release();
		this.clock.advanceTimeBy(GRACE);
		assertThat(this.ledger.suspects()).isEmpty();
		assertThat(this.ledger.outstanding(10)).isEmpty();
	}

	@Test
	void checksAnExchangeThatTakesABufferAfterItEnded() {
		LedgerEntry entry = this.ledger.open("after", "GET", "/after", "test");
		entry.end(ExchangeState.COMPLETE);
		this.clock.advanceTimeBy(GRACE.multipliedBy(2));
		assertThat(this.ledger.outstanding(10)).isEmpty();
		ByteBuf late = entry.track(Unpooled.buffer(2).writeShort(1));
		this.clock.advanceTimeBy(GRACE);
		assertThat(this.ledger.suspects()).hasSize(1);
		late.release();
	}

	@Test
	void recordsAnExchangeAsSuspectOnceHoweverOftenItIsChecked() {
		LedgerEntry entry = this.ledger.open("twice", "GET", "/twice", "test");
		ByteBuf first = entry.track(Unpooled.buffer(1).writeByte(1));
		entry.end(ExchangeState.CANCEL);
		this.clock.advanceTimeBy(Duration.ofSeconds(1));
		first.release();
		this.clock.advanceTimeBy(Duration.ofSeconds(1));
		ByteBuf second = entry.track(Unpooled.buffer(1).writeByte(2));
		this.clock.advanceTimeBy(GRACE.minusSeconds(2));
		assertThat(this.ledger.suspects()).hasSize(1);
		this.clock.advanceTimeBy(GRACE);
		assertThat(this.ledger.suspects()).hasSize(1);
		second.release();
		assertThat(this.ledger.totals().outstanding()).isZero();
	}

	@Test
	void keepsARunningExchangeOutOfTheSuspects() {
		LedgerEntry entry = this.ledger.open("running", "GET", "/running", "test");
		ByteBuf held = entry.track(Unpooled.buffer(1).writeByte(1));
		this.clock.advanceTimeBy(GRACE.multipliedBy(10));
		assertThat(this.ledger.suspects()).isEmpty();
		assertThat(this.ledger.outstanding(10)).singleElement()
			.satisfies((outstanding) -> assertThat(outstanding.state()).isEqualTo(ExchangeState.RUNNING));
		held.release();
		entry.end(ExchangeState.COMPLETE);
		assertThat(this.ledger.outstanding(10)).isEmpty();
	}

}
