package dev.sluice.buffer;

/**
 * A snapshot of buffer counts.
 *
 * @param acquired buffers taken from upstream responses or sent upstream as request bodies
 * @param released buffers released since
 * @param outstanding buffers acquired and not yet released
 * @param outstandingBytes bytes in the outstanding buffers
 * @param highWater the most buffers outstanding at once, as sampled when an exchange takes its first
 * buffer and whenever the figures are read
 */
public record LedgerFigures(long acquired, long released, long outstanding, long outstandingBytes, long highWater) {
}
