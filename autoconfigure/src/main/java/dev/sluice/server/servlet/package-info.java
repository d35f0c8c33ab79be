/**
 * Servlet container workarounds: a Servlet filter that gives Spring's Servlet adapter request and
 * response streams whose reads run one at a time and whose writes stop once the request has
 * completed (docs/servers.md).
 */
@NullMarked
package dev.sluice.server.servlet;

import org.jspecify.annotations.NullMarked;
