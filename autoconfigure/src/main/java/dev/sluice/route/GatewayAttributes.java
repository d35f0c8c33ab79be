package dev.sluice.route;

/**
 * Names of the exchange attributes the gateway sets, for filters that need them.
 */
public final class GatewayAttributes {

	private static final String PREFIX = "dev.sluice.";

	/** The {@link Route} the exchange matched. */
	public static final String ROUTE = PREFIX + "route";

	/** URI template variables captured by the Path and Host predicates, a {@code Map<String, String>}. */
	public static final String URI_TEMPLATE_VARIABLES = PREFIX + "uriTemplateVariables";

	/** Set to {@code true} to send the client's Host header upstream instead of the upstream's. */
	public static final String PRESERVE_HOST_HEADER = PREFIX + "preserveHostHeader";

	/**
	 * The upstream this attempt goes to, a {@link java.net.URI} with an http or https scheme and an
	 * authority, when it is not the route's own URI: set per attempt by the filter that resolves an
	 * {@code lb://} route to one of the service's instances.
	 */
	public static final String UPSTREAM_BASE_URI = PREFIX + "upstreamBaseUri";

	private GatewayAttributes() {
	}

}
