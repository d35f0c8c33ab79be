package dev.sluice.buffer;

/**
 * A snapshot of one route's WebSocket sessions.
 *
 * @param open sessions open now
 * @param opened sessions opened since the start
 * @param frames frames relayed in either direction since the start
 */
public record WebSocketFigures(long open, long opened, long frames) {
}
