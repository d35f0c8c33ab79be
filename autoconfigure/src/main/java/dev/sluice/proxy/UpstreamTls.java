package dev.sluice.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

import dev.sluice.route.Route;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * How the gateway talks TLS to the upstreams of {@code https://} and {@code wss://} routes: trust
 * and client keys from a Spring Boot SSL bundle (the route's, else the gateway's, else the JDK's
 * default trust store), host name verification on unless every certificate is trusted, and a
 * handshake timeout.
 * <p>
 * Each bundle's {@link SslProvider} is built once, and each client it secures once, so the
 * clients of every event loop ({@link LoopAffineClients}) share one SSL context per bundle.
 * Reactor Netty keys its connection pools by the client's configuration, its SSL provider
 * included, so connections made with one bundle never serve a route that names another.
 */
public final class UpstreamTls {

	private static final String NO_BUNDLE = "";

	private final @Nullable String defaultBundle;

	private final @Nullable SslBundles bundles;

	private final boolean trustEverything;

	private final Duration handshakeTimeout;

	private final Map<ProviderKey, SslProvider> providers = new ConcurrentHashMap<>();

	private final Map<SecuredClient, HttpClient> clients = new ConcurrentHashMap<>();

	private final Set<String> watchedBundles = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the TLS settings of the upstream calls.
	 * @param defaultBundle the bundle of routes that name none, or {@code null} for the JDK's
	 * default trust store
	 * @param bundles the application's SSL bundles, or {@code null} when it has none
	 * @param trustEverything whether to trust every certificate and skip host name verification
	 * @param handshakeTimeout the maximum time for a TLS handshake
	 */
	public UpstreamTls(@Nullable String defaultBundle, @Nullable SslBundles bundles, boolean trustEverything,
			Duration handshakeTimeout) {
		this.defaultBundle = defaultBundle;
		this.bundles = bundles;
		this.trustEverything = trustEverything;
		this.handshakeTimeout = handshakeTimeout;
	}

	/**
	 * Returns the settings of a gateway without SSL configuration: the JDK's default trust store,
	 * host names verified, handshakes limited to Reactor Netty's default of 10 seconds.
	 * @return the settings
	 */
	public static UpstreamTls defaults() {
		return new UpstreamTls(null, null, false, Duration.ofSeconds(10));
	}

	/**
	 * Returns whether connections to a URI use TLS.
	 * @param uri the route's URI
	 * @return whether its scheme is {@code https} or {@code wss}
	 */
	public static boolean isSecure(URI uri) {
		return "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme());
	}

	/**
	 * Returns the routes whose upstream certificates are not checked.
	 * @param routes the routes
	 * @return the IDs of the routes with TLS upstreams, when every certificate is trusted
	 */
	public List<String> unverifiedRoutes(List<Route> routes) {
		return this.trustEverything
				? routes.stream().filter((route) -> isSecure(route.uri())).map(Route::id).toList() : List.of();
	}

	/**
	 * Builds the SSL context of the default bundle now, so that a bundle Netty cannot use (an
	 * unknown cipher, say) fails startup rather than the first request.
	 */
	public void prepareDefault() {
		provider(new ProviderKey(bundleName(this.defaultBundle), false));
	}

	/**
	 * Returns the client that calls the route's upstream: the given one for plain HTTP, else that
	 * client secured with the route's bundle.
	 * @param client the client, possibly bound to an event loop
	 * @param route the route
	 * @return the client
	 */
	HttpClient secure(HttpClient client, Route route, URI target) {
		if (!isSecure(target)) {
			return client;
		}
		String routeBundle = route.sslBundle();
		String bundle = bundleName((routeBundle != null) ? routeBundle : this.defaultBundle);
		return this.clients.computeIfAbsent(new SecuredClient(client, bundle), (key) -> key.client()
			.secure(provider(new ProviderKey(key.bundle(), isHttp2(key.client())))));
	}

	private static String bundleName(@Nullable String name) {
		return (name != null) ? name : NO_BUNDLE;
	}

	private static boolean isHttp2(HttpClient client) {
		return Arrays.asList(client.configuration().protocols()).contains(HttpProtocol.H2);
	}

	private SslProvider provider(ProviderKey key) {
		return this.providers.computeIfAbsent(key, this::createProvider);
	}

	private SslProvider createProvider(ProviderKey key) {
		@Nullable SslBundle bundle = key.bundle().equals(NO_BUNDLE) ? null : bundle(key.bundle());
		return SslProvider.builder()
			.sslContext(key.http2() ? Http2SslContextSpec.forClient().configure((ssl) -> configure(ssl, bundle))
					: Http11SslContextSpec.forClient().configure((ssl) -> configure(ssl, bundle)))
			.handshakeTimeout(this.handshakeTimeout)
			.build();
	}

	private SslBundle bundle(String name) {
		if (this.bundles == null) {
			throw new NoSuchSslBundleException(name, "No SSL bundles are configured");
		}
		SslBundle bundle = this.bundles.getBundle(name);
		if (this.watchedBundles.add(name)) {
			// A reloaded bundle (spring.ssl.bundle.*.reload-on-update) takes effect for new connections.
			this.bundles.addBundleUpdateHandler(name, (updated) -> forget(name));
		}
		return bundle;
	}

	private void forget(String bundle) {
		this.providers.keySet().removeIf((key) -> key.bundle().equals(bundle));
		this.clients.keySet().removeIf((key) -> key.bundle().equals(bundle));
	}

	private void configure(SslContextBuilder ssl, @Nullable SslBundle bundle) {
		if (bundle != null) {
			SslManagerBundle managers = bundle.getManagers();
			ssl.keyManager(managers.getKeyManagerFactory()).trustManager(managers.getTrustManagerFactory());
			SslOptions options = bundle.getOptions();
			if (options.getEnabledProtocols() != null) {
				ssl.protocols(options.getEnabledProtocols());
			}
			if (options.getCiphers() != null) {
				ssl.ciphers(Arrays.asList(options.getCiphers()));
			}
		}
		if (this.trustEverything) {
			ssl.trustManager(InsecureTrustManagerFactory.INSTANCE);
		}
		// Netty 4.2 verifies host names by default for clients, and Reactor Netty adds the same
		// check when it builds the provider from a spec (not for a provider given as it is, as
		// here): set explicitly, the check depends on neither.
		ssl.endpointIdentificationAlgorithm(this.trustEverything ? null : "HTTPS");
	}

	private record ProviderKey(String bundle, boolean http2) {
	}

	private record SecuredClient(HttpClient client, String bundle) {
	}

}
