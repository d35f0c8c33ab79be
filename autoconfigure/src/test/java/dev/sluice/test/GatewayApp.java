package dev.sluice.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes the gateway application a {@link ProxyTest} class runs against. Properties may use
 * {@code ${upstream.uri}}, the base URI of the {@link TestUpstream}, and {@code ${raw-upstream.uri}}, that of
 * the {@link RawUpstream}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GatewayApp {

	/**
	 * Properties of the application, such as its routes.
	 * @return the properties as {@code key=value}
	 */
	String[] properties() default {};

	/**
	 * Extra configuration classes, such as test filters.
	 * @return the classes
	 */
	Class<?>[] configurations() default {};

}
