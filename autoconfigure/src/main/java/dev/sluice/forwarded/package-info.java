/**
 * Forwarded headers, secure by default: which peers are trusted proxies, the removal of
 * {@code Forwarded} and {@code X-Forwarded-*} headers that an untrusted client sent, and the hop
 * the gateway itself adds to the request it sends upstream.
 */
@NullMarked
package dev.sluice.forwarded;

import org.jspecify.annotations.NullMarked;
