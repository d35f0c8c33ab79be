package dev.sluice.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sluice.route.Route;

/**
 * Logs each 502, 503 and 504 the gateway answers in one WARN line, with the route, the upstream's
 * authority and the cause, at most once per route, status and cause per interval: an upstream that
 * is down for everyone would otherwise write a line per request. The next line says how many were
 * left out. The stack trace is left to DEBUG.
 */
public final class UpstreamFailureLog {

	/** How long the lines of one kind are left out after one is written. */
	public static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(UpstreamFailureLog.class);

	private final Map<Kind, Window> windows = new ConcurrentHashMap<>();

	private final long intervalNanos;

	public UpstreamFailureLog() {
		this(INTERVAL);
	}

	UpstreamFailureLog(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Logs a failure unless one of its kind was logged within the interval.
	 * @param route the route
	 * @param upstream the URI called, or the route's
	 * @param failure the failure
	 * @param what what failed, such as {@code "GET /x"}, for the debug line
	 */
	public void log(Route route, URI upstream, UpstreamFailure failure, String what) {
		if (logger.isDebugEnabled()) {
			logger.debug("Route " + route.id() + ": " + what + " failed: " + failure.getMessage(), failure.getCause());
		}
		Throwable cause = failure.getCause();
		Kind kind = new Kind(route.id(), failure.getStatus().value(),
				(cause != null) ? cause.getClass().getName() : failure.getMessage());
		long now = System.nanoTime();
		Window window = this.windows.computeIfAbsent(kind, (key) -> new Window());
		long skipped;
		synchronized (window) {
			if (window.logged && now - window.since < this.intervalNanos) {
				window.skipped++;
				return;
			}
			skipped = window.skipped;
			window.logged = true;
			window.since = now;
			window.skipped = 0;
		}
		if (logger.isWarnEnabled()) {
			logger.warn("Route " + route.id() + ": " + failure.getStatus().value() + " from " + authority(upstream) + ": "
					+ failure.getMessage() + " (" + failure.detail() + ")"
					+ ((skipped > 0) ? "; " + skipped + " more like it not logged in the last "
							+ Duration.ofNanos(this.intervalNanos).toSeconds() + "s" : ""));
		}
	}

	private static String authority(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	private record Kind(String route, int status, String cause) {
	}

	private static final class Window {

		private boolean logged;

		private long since;

		private long skipped;

	}

}
