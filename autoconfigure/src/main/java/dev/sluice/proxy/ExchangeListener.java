package dev.sluice.proxy;

import dev.sluice.route.Route;

import org.springframework.web.server.ServerWebExchange;

/**
 * Told once of every proxied exchange when it ends, with the route it took and how its upstream
 * call ended; the request meters listen here.
 */
@FunctionalInterface
public interface ExchangeListener {

	/**
	 * Called when an exchange has ended, after its response was written, failed or abandoned.
	 * @param exchange the exchange, as the filters left it; its response holds the status sent
	 * @param route the route the exchange took
	 * @param outcome how the upstream call ended
	 * @param startNanos {@link System#nanoTime()} when the gateway took the exchange
	 */
	void ended(ServerWebExchange exchange, Route route, UpstreamOutcome outcome, long startNanos);

}
