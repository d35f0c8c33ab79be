package dev.sluice.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the gateway's meters and observations (docs/observability.md).
 */
@ConfigurationProperties("sluice.metrics")
public class SluiceMetricsProperties {

	/**
	 * Whether the gateway publishes its meters and observations: "sluice.requests" per route,
	 * method, status and upstream outcome (needs a MeterRegistry bean), and, unless their own
	 * properties switch them off, the observations of upstream calls and the connection pool meters.
	 */
	private boolean enabled = true;

	/**
	 * Whether each exchange is also timed as Spring Cloud Gateway's "spring.cloud.gateway.requests",
	 * with its tag names (routeId, routeUri, outcome, status, httpStatusCode, httpMethod).
	 */
	private boolean scgCompatible;

	private final HttpClient httpClient = new HttpClient();

	private final ConnectionPool connectionPool = new ConnectionPool();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isScgCompatible() {
		return this.scgCompatible;
	}

	public void setScgCompatible(boolean scgCompatible) {
		this.scgCompatible = scgCompatible;
	}

	public HttpClient getHttpClient() {
		return this.httpClient;
	}

	public ConnectionPool getConnectionPool() {
		return this.connectionPool;
	}

	/**
	 * Observations of upstream calls.
	 */
	public static class HttpClient {

		/**
		 * Whether each upstream call is observed as "http.client.requests": a meter when there is a
		 * MeterRegistry, a child span of the server's span (with the trace context propagated
		 * upstream) when Micrometer Tracing is present. When not set, only with Micrometer Tracing
		 * (a Tracer bean): the observation costs about as much per request as the server's.
		 */
		private @Nullable Boolean enabled;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Meters of the upstream connection pool.
	 */
	public static class ConnectionPool {

		/**
		 * Whether Reactor Netty's connection pool meters ("reactor.netty.connection.provider.*",
		 * per pool and upstream address) are published, to Micrometer's global registry. Needs
		 * Micrometer on the classpath.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
