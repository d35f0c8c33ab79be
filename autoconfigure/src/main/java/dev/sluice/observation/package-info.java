/**
 * Micrometer meters of proxied exchanges: {@code sluice.requests} per route, method, status and
 * upstream outcome (and Spring Cloud Gateway's {@code spring.cloud.gateway.requests} when asked
 * for). On the request path, so each exchange costs a clock read, a cache lookup and a timer
 * update; the tags are built once per route and combination.
 */
@NullMarked
package dev.sluice.observation;

import org.jspecify.annotations.NullMarked;
