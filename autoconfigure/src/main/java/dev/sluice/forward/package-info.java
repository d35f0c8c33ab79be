/**
 * {@code forward:/path}: hands an exchange to the application's own handlers (its controllers and
 * router functions) under another path, for routes whose URI is {@code forward:/path} and for the
 * fallback of a circuit breaker.
 */
@NullMarked
package dev.sluice.forward;

import org.jspecify.annotations.NullMarked;
