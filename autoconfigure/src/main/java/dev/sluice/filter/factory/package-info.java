/**
 * Spring Cloud Gateway's filter factories, one class per filter name, each creating the filter a
 * route definition asks for from its typed arguments.
 */
@NullMarked
package dev.sluice.filter.factory;

import org.jspecify.annotations.NullMarked;
