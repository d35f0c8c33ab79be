/**
 * WebSocket proxying: a handshake that matched a route runs the route's filters, is offered to the
 * upstream first with Reactor Netty's WebSocket client, and only once the upstream has agreed is
 * the client's connection upgraded with Spring's strategy for the running server. The
 * {@link dev.sluice.websocket.WebSocketRelay} then carries every frame's buffer from one side to the
 * other and to its release, and passes each side's close on to the other.
 */
@NullMarked
package dev.sluice.websocket;

import org.jspecify.annotations.NullMarked;
