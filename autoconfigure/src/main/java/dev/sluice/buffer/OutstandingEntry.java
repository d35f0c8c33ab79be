package dev.sluice.buffer;

import java.time.Instant;

/**
 * An exchange that holds buffers: where it came from, how old it is and how it ended.
 *
 * @param route the route id
 * @param method the request method
 * @param path the request path, without query
 * @param server the server it ran on
 * @param started when it started
 * @param ageMillis its age in milliseconds
 * @param state how it ended, or {@code RUNNING}
 * @param buffers how many buffers it holds
 * @param bytes how many bytes those buffers hold
 */
public record OutstandingEntry(String route, String method, String path, String server, Instant started,
		long ageMillis, ExchangeState state, long buffers, long bytes) {
}
