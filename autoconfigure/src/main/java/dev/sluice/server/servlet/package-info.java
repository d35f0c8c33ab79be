/**
 * Servlet container workarounds: a Servlet filter that gives Spring's Servlet adapter request and
 * response streams whose reads run one at a time, whose failed reads reach the adapter and the
 * client, and whose writes stop once the request has completed, and which over HTTP/2 keeps a
 * body's length from the container and completes the request only once the body has been sent;
 * and the container commit that lets an error abort a response Spring has committed
 * (docs/servers.md).
 */
@NullMarked
package dev.sluice.server.servlet;

import org.jspecify.annotations.NullMarked;
