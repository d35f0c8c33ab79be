package dev.sluice.route;

/**
 * A route URI scheme other than {@code http} and {@code https} that a bean of the application
 * resolves to a concrete upstream on each attempt, such as {@code lb} for Spring Cloud
 * LoadBalancer. A route whose URI uses a scheme that no such bean declares fails to compile,
 * naming the dependency that provides it.
 */
public interface UpstreamScheme {

	/**
	 * Returns the scheme this bean resolves.
	 * @return the scheme, lower case, such as {@code lb}
	 */
	String scheme();

}
