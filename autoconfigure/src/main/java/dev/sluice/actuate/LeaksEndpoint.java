package dev.sluice.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.buffer.LedgerFigures;
import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.LeakSuspect;
import dev.sluice.buffer.NettyLeakReport;
import dev.sluice.buffer.NettyLeakReports;
import dev.sluice.buffer.OutstandingEntry;
import dev.sluice.buffer.WebSocketFigures;
import dev.sluice.proxy.ResponseWriterSelector;
import io.netty.util.ResourceLeakDetector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/leaks}: whether the gateway holds buffers, on which route, since when and why,
 * with Netty's own leak reports and the memory figures that matter. {@code DELETE} clears the
 * recorded suspects and reports.
 */
@Endpoint(id = "leaks", defaultAccess = Access.READ_ONLY)
public class LeaksEndpoint {

	static final int OUTSTANDING_LIMIT = 20;

	private final ResponseWriterSelector writers;

	private final @Nullable BufferLedger ledger;

	private final NettyLeakReports nettyReports;

	public LeaksEndpoint(ResponseWriterSelector writers, @Nullable BufferLedger ledger, NettyLeakReports nettyReports) {
		this.writers = writers;
		this.ledger = ledger;
		this.nettyReports = nettyReports;
	}

	@ReadOperation
	public LeaksReport leaks() {
		boolean tracking = this.ledger != null;
		return new LeaksReport(this.writers.server().name(), this.writers.writerName(),
				ResourceLeakDetector.getLevel().name().toLowerCase(Locale.ROOT), tracking,
				tracking ? this.ledger.totals() : null, tracking ? this.ledger.routes() : Map.of(),
				tracking ? this.ledger.webSockets() : Map.of(),
				tracking ? this.ledger.outstanding(OUTSTANDING_LIMIT) : List.of(),
				tracking ? this.ledger.suspects() : List.of(), this.nettyReports.reports(), MemoryFigures.now());
	}

	@DeleteOperation
	public void clear() {
		if (this.ledger != null) {
			this.ledger.clearSuspects();
		}
		this.nettyReports.clear();
	}

	/**
	 * The answer of {@code GET /actuator/leaks}.
	 *
	 * @param server the running server
	 * @param writer the response writer in use
	 * @param leakDetection the level of Netty's leak detector
	 * @param tracking whether the buffer ledger is on
	 * @param buffers the ledger's totals
	 * @param routes the ledger's figures per route
	 * @param webSockets the WebSocket sessions per route: open now, opened, frames relayed
	 * @param outstanding exchanges holding buffers now, oldest first
	 * @param suspects exchanges that ended and held buffers past the grace period
	 * @param nettyReports leaks Netty's detector reported
	 * @param memory allocator, Netty and JVM memory figures
	 */
	public record LeaksReport(String server, String writer, String leakDetection, boolean tracking,
			@Nullable LedgerFigures buffers, Map<String, LedgerFigures> routes, Map<String, WebSocketFigures> webSockets,
			List<OutstandingEntry> outstanding,
			List<LeakSuspect> suspects, List<NettyLeakReport> nettyReports, MemoryFigures memory) {
	}

}
