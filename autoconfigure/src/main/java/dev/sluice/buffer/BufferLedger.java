package dev.sluice.buffer;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Counts every buffer the proxy takes from an upstream response or sends upstream, in total, per
 * route and per exchange, and records a {@link LeakSuspect} when an exchange has ended and still
 * holds buffers a grace period later. Deterministic: it watches releases, not the garbage
 * collector.
 */
public final class BufferLedger {

	private final LedgerCounters total = new LedgerCounters();

	private final Map<String, LedgerCounters> routes = new ConcurrentHashMap<>();

	private final Map<String, WebSocketCounters> webSockets = new ConcurrentHashMap<>();

	private final Set<LedgerEntry> holding = ConcurrentHashMap.newKeySet();

	private final RecentRecords<LeakSuspect> suspects;

	private final List<Consumer<String>> routeListeners = new CopyOnWriteArrayList<>();

	private final Duration grace;

	private final Scheduler scheduler;

	public BufferLedger(Duration grace, int maxSuspects) {
		this(grace, maxSuspects, Schedulers.parallel());
	}

	BufferLedger(Duration grace, int maxSuspects, Scheduler scheduler) {
		this.grace = grace;
		this.suspects = new RecentRecords<>(maxSuspects);
		this.scheduler = scheduler;
	}

	/**
	 * Opens the entry of an exchange.
	 * @param routeId the route it matched
	 * @param method the request method
	 * @param path the request path, without query
	 * @param server the running server's name
	 * @return the exchange's entry
	 */
	public LedgerEntry open(String routeId, String method, String path, String server) {
		LedgerCounters counters = this.routes.get(routeId);
		if (counters == null) {
			counters = this.routes.computeIfAbsent(routeId, (id) -> new LedgerCounters());
			this.routeListeners.forEach((listener) -> listener.accept(routeId));
		}
		return new LedgerEntry(this, counters, routeId, method, path, server);
	}

	public LedgerFigures totals() {
		return this.total.figures();
	}

	/**
	 * Returns the figures of each route that has carried buffers, by route id.
	 * @return the figures
	 */
	public Map<String, LedgerFigures> routes() {
		Map<String, LedgerFigures> figures = new TreeMap<>();
		this.routes.forEach((id, counters) -> figures.put(id, counters.figures()));
		return figures;
	}

	/**
	 * Returns the figures of one route.
	 * @param routeId the route id
	 * @return the figures, or {@code null} if the route has carried no buffers
	 */
	public @Nullable LedgerFigures route(String routeId) {
		LedgerCounters counters = this.routes.get(routeId);
		return (counters != null) ? counters.figures() : null;
	}

	/**
	 * Returns the WebSocket counters of a route, created on first use.
	 * @param routeId the route id
	 * @return the counters
	 */
	public WebSocketCounters webSocket(String routeId) {
		return this.webSockets.computeIfAbsent(routeId, (id) -> new WebSocketCounters());
	}

	/**
	 * Returns the WebSocket figures of each route that has opened a session, by route id.
	 * @return the figures
	 */
	public Map<String, WebSocketFigures> webSockets() {
		Map<String, WebSocketFigures> figures = new TreeMap<>();
		this.webSockets.forEach((id, counters) -> figures.put(id, counters.figures()));
		return figures;
	}

	/**
	 * Registers a callback for each route the ledger sees for the first time, for metrics.
	 * @param listener the callback, also called at once for the routes already seen
	 */
	public void onRoute(Consumer<String> listener) {
		this.routeListeners.add(listener);
		this.routes.keySet().forEach(listener);
	}

	/**
	 * Returns the exchanges that hold buffers now, oldest first.
	 * @param limit how many at most
	 * @return the exchanges
	 */
	public List<OutstandingEntry> outstanding(int limit) {
		return this.holding.stream()
			.filter(LedgerEntry::holdsBuffers)
			.sorted(Comparator.comparingLong(LedgerEntry::startedNanos))
			.limit(limit)
			.map(LedgerEntry::describe)
			.toList();
	}

	/**
	 * Returns the recorded leak suspects, newest last.
	 * @return the suspects
	 */
	public List<LeakSuspect> suspects() {
		return this.suspects.snapshot();
	}

	public void clearSuspects() {
		this.suspects.clear();
	}

	/**
	 * Registers a callback for each new suspect, for metrics.
	 * @param listener the callback
	 */
	public void onSuspect(Consumer<LeakSuspect> listener) {
		this.suspects.addListener(listener);
	}

	LedgerCounters total() {
		return this.total;
	}

	void holding(LedgerEntry exchange) {
		this.holding.add(exchange);
	}

	void notHolding(LedgerEntry exchange) {
		this.holding.remove(exchange);
	}

	void checkAfterGrace(LedgerEntry exchange) {
		this.scheduler.schedule(() -> check(exchange), this.grace.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void check(LedgerEntry exchange) {
		if (!exchange.stillHoldsAfterEnd() || !exchange.markSuspected()) {
			return;
		}
		this.suspects.add(new LeakSuspect(Instant.now(), exchange.describe()));
	}

}
