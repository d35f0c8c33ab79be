/**
 * Spring Cloud Gateway's route predicate factories, one class per predicate name.
 */
@NullMarked
package dev.sluice.route.predicate;

import org.jspecify.annotations.NullMarked;
