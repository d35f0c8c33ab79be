/**
 * Routes: their definitions as bound from configuration, the compiler that turns them into
 * predicates and filters, the route table consulted for every request and the handler mapping that
 * puts the matched route on the exchange.
 */
@NullMarked
package dev.sluice.route;

import org.jspecify.annotations.NullMarked;
