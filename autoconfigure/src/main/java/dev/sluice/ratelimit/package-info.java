/**
 * The {@code RequestRateLimiter} filter: a token bucket per route and key, kept in Redis so that every
 * replica of the gateway shares it (on Spring Cloud Gateway's key layout), or in memory for a single
 * replica, with the key of each request found by a {@link dev.sluice.ratelimit.KeyResolver}.
 */
@NullMarked
package dev.sluice.ratelimit;

import org.jspecify.annotations.NullMarked;
