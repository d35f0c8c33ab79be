package dev.sluice.buffer;

import java.time.Instant;

/**
 * An exchange that ended and still held buffers after the grace period.
 *
 * @param detectedAt when the grace period ran out
 * @param exchange the exchange, as it was then
 */
public record LeakSuspect(Instant detectedAt, OutstandingEntry exchange) {
}
