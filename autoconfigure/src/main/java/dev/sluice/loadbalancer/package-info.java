/**
 * {@code lb://service-id} routes: each attempt asks Spring Cloud LoadBalancer for an instance of the
 * service, preferring one the exchange has not tried and one that passive outlier detection has
 * not ejected, and points the proxy at it. Used only when Spring Cloud LoadBalancer is on the
 * classpath.
 */
@NullMarked
package dev.sluice.loadbalancer;

import org.jspecify.annotations.NullMarked;
