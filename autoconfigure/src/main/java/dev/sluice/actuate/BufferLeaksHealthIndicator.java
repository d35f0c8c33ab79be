package dev.sluice.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;
import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.LeakSuspect;
import dev.sluice.buffer.NettyLeakReport;
import dev.sluice.buffer.NettyLeakReports;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the gateway's buffers, with their counts in its details (buffers outstanding in the
 * ledger, leak suspects, Netty leak reports): UP, or a failing status while leak suspects or Netty
 * leak reports are recorded. By default the failing status is {@code LEAK_SUSPECTED}, which
 * Boot's aggregation ignores, so a leak does not take the application out of service; with
 * {@code sluice.buffers.health.affects-status=true} it is {@code DOWN}.
 */
public class BufferLeaksHealthIndicator implements HealthIndicator {

	/** The status reported by default while leaks are suspected; not counted in the aggregate. */
	public static final Status LEAK_SUSPECTED = new Status("LEAK_SUSPECTED",
			"Buffers were leaked; see /actuator/leaks");

	private final @Nullable BufferLedger ledger;

	private final NettyLeakReports nettyReports;

	private final boolean affectsStatus;

	public BufferLeaksHealthIndicator(@Nullable BufferLedger ledger, NettyLeakReports nettyReports, boolean affectsStatus) {
		this.ledger = ledger;
		this.nettyReports = nettyReports;
		this.affectsStatus = affectsStatus;
	}

	@Override
	public Health health() {
		List<LeakSuspect> suspects = (this.ledger != null) ? this.ledger.suspects() : List.of();
		List<NettyLeakReport> reports = this.nettyReports.reports();
		boolean leaking = !suspects.isEmpty() || !reports.isEmpty();
		Health.Builder builder = Health.status(!leaking ? Status.UP : this.affectsStatus ? Status.DOWN : LEAK_SUSPECTED);
		if (this.ledger != null) {
			builder.withDetail("outstanding", this.ledger.totals().outstanding());
		}
		builder.withDetail("suspects", suspects.size()).withDetail("nettyReports", reports.size());
		if (!suspects.isEmpty()) {
			builder.withDetail("latestSuspect", suspects.get(suspects.size() - 1).exchange());
		}
		return builder.build();
	}

}
