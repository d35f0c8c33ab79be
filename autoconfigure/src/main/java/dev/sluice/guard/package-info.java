/**
 * What the gateway refuses from a client before any route sees the request: paths whose
 * dot-segments ({@code ..}, {@code %2e%2e}, {@code ..;x=y}, {@code ..%2f}) a normalizing upstream
 * would resolve into a path no route allowed, and {@code Host} headers that are no host and port.
 */
@NullMarked
package dev.sluice.guard;

import org.jspecify.annotations.NullMarked;
