/**
 * HTTP details that the proxy, the filters and the auto-configuration share: the gateway's short
 * JSON error body, a request URI rebuilt around its raw path and query, whether a request announces
 * a body, and the client's connect timeout. It sits below all of them and depends on none.
 */
@NullMarked
package dev.sluice.http;

import org.jspecify.annotations.NullMarked;
