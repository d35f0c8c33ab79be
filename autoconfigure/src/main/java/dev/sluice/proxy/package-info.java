/**
 * The data path of one proxied exchange, read top to bottom: the handler runs the route's filters,
 * {@link dev.sluice.proxy.ProxyClient} sends the request upstream, {@link dev.sluice.proxy.UpstreamHandle}
 * owns the upstream body until a writer claims it, and the response writer chosen for the running
 * server ({@link dev.sluice.proxy.ResponseWriterSelector}) hands every buffer to the client and to
 * its release. Upstream failures become 502, 503 or 504 answers here.
 */
@NullMarked
package dev.sluice.proxy;

import org.jspecify.annotations.NullMarked;
