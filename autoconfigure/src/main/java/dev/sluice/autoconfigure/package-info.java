/**
 * Spring Boot auto-configurations and configuration properties that assemble the gateway from the
 * runtime packages, one auto-configuration per feature and server stack. No runtime package
 * imports this one.
 */
@NullMarked
package dev.sluice.autoconfigure;

import org.jspecify.annotations.NullMarked;
