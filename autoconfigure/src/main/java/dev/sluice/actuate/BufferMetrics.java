package dev.sluice.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import dev.sluice.buffer.LedgerFigures;
import dev.sluice.buffer.BufferLedger;
import dev.sluice.buffer.NettyLeakReports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Buffer meters: {@code sluice.buffers.outstanding} (gauge), {@code sluice.buffers.acquired} and
 * {@code sluice.buffers.released} (counters), each per {@code route} (their sum is the total), and
 * {@code sluice.leaks} (counter) tagged {@code source=ledger} with its route, or
 * {@code source=netty}.
 */
public class BufferMetrics implements MeterBinder, AutoCloseable {

	private final @Nullable BufferLedger ledger;

	private final NettyLeakReports nettyReports;

	private final Map<String, Boolean> boundRoutes = new ConcurrentHashMap<>();

	private volatile Runnable unsubscribe = () -> {
	};

	public BufferMetrics(@Nullable BufferLedger ledger, NettyLeakReports nettyReports) {
		this.ledger = ledger;
		this.nettyReports = nettyReports;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.ledger != null) {
			this.ledger.onRoute((route) -> bindRoute(registry, route));
			this.ledger.onSuspect((suspect) -> Counter.builder("sluice.leaks")
				.description("Buffer leaks found")
				.tag("source", "ledger")
				.tag("route", suspect.exchange().route())
				.register(registry)
				.increment());
		}
		Counter netty = Counter.builder("sluice.leaks")
			.description("Buffer leaks found")
			.tag("source", "netty")
			.tag("route", "unknown")
			.register(registry);
		this.unsubscribe = this.nettyReports.addListener((report) -> netty.increment());
	}

	private void bindRoute(MeterRegistry registry, String route) {
		if (this.boundRoutes.putIfAbsent(route, Boolean.TRUE) == null) {
			bind(registry, route, () -> this.ledger.route(route));
		}
	}

	private void bind(MeterRegistry registry, String route, Supplier<LedgerFigures> figures) {
		Gauge.builder("sluice.buffers.outstanding", () -> value(figures, LedgerFigures::outstanding))
			.description("Buffers the gateway handed on and that are not released yet")
			.tag("route", route)
			.register(registry);
		FunctionCounter.builder("sluice.buffers.acquired", figures, (f) -> value(f, LedgerFigures::acquired))
			.description("Buffers taken from upstream responses or sent upstream")
			.tag("route", route)
			.register(registry);
		FunctionCounter.builder("sluice.buffers.released", figures, (f) -> value(f, LedgerFigures::released))
			.description("Buffers released")
			.tag("route", route)
			.register(registry);
	}

	private static double value(Supplier<LedgerFigures> figures, ToLongFunction<LedgerFigures> field) {
		LedgerFigures current = figures.get();
		return (current != null) ? field.applyAsLong(current) : 0;
	}

	@Override
	public void close() {
		this.unsubscribe.run();
	}

}
