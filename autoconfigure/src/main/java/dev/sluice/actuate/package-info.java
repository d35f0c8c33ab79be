/**
 * Actuator endpoints, metrics and health for the gateway: the routes in force and the server's
 * writer ({@code /actuator/gateway}), the buffer ledger and Netty's leak reports
 * ({@code /actuator/leaks}), and the ledger's Micrometer meters. Read-only views over the runtime
 * packages; nothing here is on the request path.
 */
@NullMarked
package dev.sluice.actuate;

import org.jspecify.annotations.NullMarked;
