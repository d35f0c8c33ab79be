/**
 * How predicate and filter factories receive their arguments. A factory declares them once, as a
 * typed configuration (a record); Sluice maps Spring Cloud Gateway's shortcut and expanded forms
 * onto it, binds it with Spring Boot's {@code Binder}, and turns every fault into a
 * {@link dev.sluice.arguments.RouteDefinitionException} that names the property. Nothing here
 * depends on the rest of Sluice, so routes and filters can both build on it.
 */
@NullMarked
package dev.sluice.arguments;

import org.jspecify.annotations.NullMarked;
