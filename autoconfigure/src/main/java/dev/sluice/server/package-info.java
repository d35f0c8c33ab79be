/**
 * Which server runs, recognized from the server factory and the started server rather than from
 * the classpath, and the Servlet-only workarounds that run on it.
 */
@NullMarked
package dev.sluice.server;

import org.jspecify.annotations.NullMarked;
