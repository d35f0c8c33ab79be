package dev.sluice.route.predicate;

import java.time.Instant;

/**
 * Arguments of After and Before: a zoned date-time such as
 * {@code 2017-01-20T17:42:47.789-07:00[America/Denver]}, or epoch milliseconds.
 *
 * @param datetime the date-time
 */
public record DateTimeConfig(Instant datetime) {

}
