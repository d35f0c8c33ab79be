/**
 * The buffer ledger: every buffer the gateway hands on is wrapped once ({@link dev.sluice.buffer.OwnedByteBuf})
 * and counted out and back in per route and exchange ({@link dev.sluice.buffer.LedgerEntry}), and
 * exchanges that end still holding buffers become leak suspects. Also captures Netty's own leak
 * reports and sets the leak-detection level before any buffer exists.
 */
@NullMarked
package dev.sluice.buffer;

import org.jspecify.annotations.NullMarked;
