package dev.sluice.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

import dev.sluice.route.Route;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link ProxyClient#client(Route, ServerHttpRequest)} secures the client of a route: TLS for
 * {@code https://} and {@code wss://} only, host names verified, one client and one SSL provider
 * per bundle, the route's bundle before the gateway's.
 */
class TlsClientSelectionTests {

	private static final ServerHttpRequest REQUEST = MockServerHttpRequest.get("http://gateway/a").build();

	private final DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();

	TlsClientSelectionTests() {
		this.bundles.registerBundle("upstreams", SslBundle.systemDefault());
		this.bundles.registerBundle("other", SslBundle.systemDefault());
	}

	@Test
	void leavesPlainHttpRoutesWithoutTls() {
		ProxyClient client = client(new UpstreamTls("upstreams", this.bundles, false, Duration.ofSeconds(10)));
		assertThat(selected(client, route("http://127.0.0.1:8080", null)).configuration().sslProvider()).isNull();
	}

	@Test
	void verifiesHostNamesOfHttpsAndWssUpstreams() {
		ProxyClient client = client(UpstreamTls.defaults());
		for (String uri : List.of("https://127.0.0.1:8443", "wss://127.0.0.1:8443")) {
			SslProvider provider = selected(client, route(uri, null)).configuration().sslProvider();
			assertThat(provider).as(uri).isNotNull();
			assertThat(endpointIdentification(provider)).as(uri).isEqualTo("HTTPS");
		}
	}

	@Test
	void skipsHostNameVerificationOnlyWithTheInsecureTrustManager() {
		ProxyClient client = client(new UpstreamTls(null, null, true, Duration.ofSeconds(10)));
		SslProvider provider = selected(client, route("https://127.0.0.1:8443", null)).configuration().sslProvider();
		assertThat(endpointIdentification(provider)).isNull();
	}

	@Test
	void reactorNettysOwnDefaultVerifiesHostNamesToo() {
		// What an https URL gets from Reactor Netty without secure(): the provider of secure().
		SslProvider provider = HttpClient.create().secure().configuration().sslProvider();
		assertThat(endpointIdentification(provider)).isEqualTo("HTTPS");
	}

	@Test
	void buildsOneClientPerBundleAndLetsTheRoutesBundleWin() {
		ProxyClient client = client(new UpstreamTls("upstreams", this.bundles, false, Duration.ofSeconds(10)));
		HttpClient byDefault = selected(client, route("https://127.0.0.1:8443", null));
		HttpClient sameDefault = selected(client, route("https://127.0.0.1:9443", null));
		HttpClient named = selected(client, route("https://127.0.0.1:8443", "upstreams"));
		HttpClient other = selected(client, route("https://127.0.0.1:8443", "other"));
		assertThat(sameDefault).isSameAs(byDefault);
		assertThat(named).isSameAs(byDefault);
		assertThat(other).isNotSameAs(byDefault);
		// Reactor Netty's pool key includes the SSL provider's hash: connections made with one
		// bundle are not handed to a route of another.
		SslProvider otherProvider = other.configuration().sslProvider();
		assertThat(otherProvider).isNotEqualTo(byDefault.configuration().sslProvider());
		assertThat(otherProvider.hashCode()).isNotEqualTo(byDefault.configuration().sslProvider().hashCode());
	}

	@Test
	void keepsTheRoutesConnectTimeoutOnTheSecuredClient() {
		ProxyClient client = client(UpstreamTls.defaults());
		Route route = new Route("r", URI.create("https://127.0.0.1:8443"), 0, (exchange) -> true, List.of(), Map.of(),
				new Route.Timeouts(Duration.ofMillis(1500), null), new Route.Description(List.of(), List.of()));
		HttpClient secured = selected(client, route);
		assertThat(secured.configuration().sslProvider()).isNotNull();
		assertThat(secured.configuration().options().get(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS))
			.isEqualTo(1500);
		assertThat(selected(client, route)).isSameAs(secured);
	}

	private static ProxyClient client(UpstreamTls tls) {
		return new ProxyClient(HttpClient.create(), false, tls);
	}

	private static Route route(String uri, @Nullable String sslBundle) {
		Map<String, Object> metadata = (sslBundle != null) ? Map.of(Route.SSL_BUNDLE, sslBundle) : Map.of();
		return new Route("r", URI.create(uri), 0, (exchange) -> true, List.of(), metadata,
				new Route.Timeouts(null, null), new Route.Description(List.of(), List.of()));
	}

	private static @Nullable String endpointIdentification(SslProvider provider) {
		SslHandler handler = provider.getSslContext().newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 8443);
		provider.configure(handler);
		return handler.engine().getSSLParameters().getEndpointIdentificationAlgorithm();
	}

	private static HttpClient selected(ProxyClient client, Route route) {
		return client.client(route, REQUEST, route.uri());
	}

}
