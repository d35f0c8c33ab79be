package dev.sluice.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the HTTP client that calls upstreams. The pool's defaults are those of
 * Reactor Netty's shared HttpClient; the timeouts bound what a slow client or upstream can hold
 * (docs/security.md).
 */
@ConfigurationProperties("sluice.http-client")
public class SluiceHttpClientProperties {

	/**
	 * Maximum number of pooled connections per upstream host (per event loop with loop-affinity).
	 * The size of the pool of Reactor Netty's shared HttpClient, so that a few slow clients cannot
	 * take every connection to an upstream.
	 */
	private int maxConnections = 500;

	/**
	 * Maximum time to wait for a pooled connection before the request fails with 503.
	 */
	private Duration pendingAcquireTimeout = Duration.ofSeconds(45);

	/**
	 * Maximum number of requests waiting for a pooled connection; -1 for no limit. Reactor Netty's
	 * default is twice the maximum number of connections.
	 */
	private @Nullable Integer pendingAcquireMaxCount;

	/**
	 * Time after which an idle pooled connection is closed. Set it below the upstream's keep-alive
	 * timeout to avoid reusing connections the upstream is about to close.
	 */
	private @Nullable Duration maxIdleTime;

	/**
	 * Interval of the background eviction of idle and expired connections; disabled when not set.
	 */
	private @Nullable Duration evictInBackground;

	/**
	 * Connect timeout; route metadata "connect-timeout" overrides it.
	 */
	private Duration connectTimeout = Duration.ofSeconds(30);

	/**
	 * Maximum time between sending the request and each read of the response, its body included;
	 * none when set to 0. A response whose client does not read is no longer read either, so this
	 * also ends the exchange of a client that stopped reading. Route metadata "response-timeout"
	 * overrides it.
	 */
	private @Nullable Duration responseTimeout = Duration.ofSeconds(60);

	/**
	 * Maximum time a client's request body may send nothing while the upstream takes more; the
	 * client then gets 408 and the upstream connection is closed. None when set to 0.
	 */
	private @Nullable Duration requestBodyIdleTimeout = Duration.ofSeconds(30);

	/**
	 * Largest piece of a response body handed on as one buffer. A read from the upstream
	 * socket is split into pieces of at most this size; larger pieces mean fewer buffers, fewer
	 * writes to the client and fewer ledger entries per response. Reactor Netty's default is 8KB.
	 */
	private DataSize maxChunkSize = DataSize.ofKilobytes(64);

	/**
	 * Whether, on Reactor Netty, each event loop calls upstreams over pooled connections of its
	 * own, so an answer is read and written to the client by one thread. The pool limits then
	 * apply per event loop.
	 */
	private boolean loopAffinity = true;

	private final Ssl ssl = new Ssl();

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getPendingAcquireTimeout() {
		return this.pendingAcquireTimeout;
	}

	public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
		this.pendingAcquireTimeout = pendingAcquireTimeout;
	}

	public @Nullable Integer getPendingAcquireMaxCount() {
		return this.pendingAcquireMaxCount;
	}

	public void setPendingAcquireMaxCount(@Nullable Integer pendingAcquireMaxCount) {
		this.pendingAcquireMaxCount = pendingAcquireMaxCount;
	}

	public @Nullable Duration getMaxIdleTime() {
		return this.maxIdleTime;
	}

	public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
		this.maxIdleTime = maxIdleTime;
	}

	public @Nullable Duration getEvictInBackground() {
		return this.evictInBackground;
	}

	public void setEvictInBackground(@Nullable Duration evictInBackground) {
		this.evictInBackground = evictInBackground;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(@Nullable Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public @Nullable Duration getRequestBodyIdleTimeout() {
		return this.requestBodyIdleTimeout;
	}

	public void setRequestBodyIdleTimeout(@Nullable Duration requestBodyIdleTimeout) {
		this.requestBodyIdleTimeout = requestBodyIdleTimeout;
	}

	public DataSize getMaxChunkSize() {
		return this.maxChunkSize;
	}

	public void setMaxChunkSize(DataSize maxChunkSize) {
		this.maxChunkSize = maxChunkSize;
	}

	public boolean isLoopAffinity() {
		return this.loopAffinity;
	}

	public void setLoopAffinity(boolean loopAffinity) {
		this.loopAffinity = loopAffinity;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * TLS to upstreams, for routes whose URI is {@code https://} or {@code wss://}.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material checks upstream
		 * certificates and whose key, if it has one, is the gateway's client certificate. Route
		 * metadata "ssl-bundle" overrides it. Without a bundle, the JDK's default trust store.
		 */
		private @Nullable String bundle;

		/**
		 * Whether to trust every upstream certificate and skip host name verification. For
		 * development only: a WARN at startup names the routes it affects.
		 */
		private boolean useInsecureTrustManager;

		/**
		 * Maximum time for the TLS handshake with an upstream. Reactor Netty's default is 10s.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public boolean isUseInsecureTrustManager() {
			return this.useInsecureTrustManager;
		}

		public void setUseInsecureTrustManager(boolean useInsecureTrustManager) {
			this.useInsecureTrustManager = useInsecureTrustManager;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

	}

}
