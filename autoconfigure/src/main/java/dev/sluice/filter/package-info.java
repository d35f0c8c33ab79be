/**
 * The gateway filter contracts and the chain that runs a route's filters and global filters in
 * order, ending in the upstream call.
 */
@NullMarked
package dev.sluice.filter;

import org.jspecify.annotations.NullMarked;
