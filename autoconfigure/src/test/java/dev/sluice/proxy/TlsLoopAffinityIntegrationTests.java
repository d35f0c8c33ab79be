package dev.sluice.proxy;

import java.time.Duration;
import java.util.HashSet;

import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.http.client.HttpClient;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;
import dev.sluice.test.TlsUpstreams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secured clients keep their event loop: on Reactor Netty a request to a TLS upstream goes over a
 * connection on the event loop of the client's own connection, as over plain HTTP.
 */
@ExtendWith(TlsUpstreams.Running.class)
@GatewayApp(properties = {
		"spring.ssl.bundle.pem.upstreams.truststore.certificate=${tls.ca}",
		"sluice.http-client.ssl.bundle=upstreams",
		"sluice.routes[0].id=secure",
		"sluice.routes[0].uri=${tls.trusted.uri}",
		"sluice.routes[0].predicates[0]=Path=/**" },
		configurations = LoopAffinityIntegrationTests.Capture.class)
class TlsLoopAffinityIntegrationTests {

	private static final int REQUESTS = 24;

	@ProxyTest
	void callsTheTlsUpstreamFromTheEventLoopOfTheClientConnection(Gateway gateway, ServerKind server) {
		LoopAffinityIntegrationTests.Capture capture = gateway.bean(LoopAffinityIntegrationTests.Capture.class);
		for (int i = 0; i < REQUESTS; i++) {
			Integer status = HttpClient.newConnection()
				.get()
				.uri(gateway.uri("/bytes/1000?probe=" + i))
				.responseSingle((response, body) -> body.then().thenReturn(response.status().code()))
				.block(Duration.ofSeconds(10));
			assertThat(status).isEqualTo(200);
		}
		assertThat(capture.upstreamLoops).hasSize(REQUESTS);
		if (server == ServerKind.TOMCAT) {
			return;
		}
		assertThat(new HashSet<>(capture.serverLoops.values())).hasSizeGreaterThan(1);
		assertThat(capture.upstreamLoops).isEqualTo(capture.serverLoops);
	}

}
