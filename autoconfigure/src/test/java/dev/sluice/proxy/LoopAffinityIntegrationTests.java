package dev.sluice.proxy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

import dev.sluice.autoconfigure.SluiceHttpClientCustomizer;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Reactor Netty each request goes upstream over a connection on the event loop of the client's
 * own connection; on Tomcat, where requests arrive on no event loop, they go as configured.
 */
@GatewayApp(properties = { "sluice.routes[0].id=up", "sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/**" }, configurations = LoopAffinityIntegrationTests.Capture.class)
class LoopAffinityIntegrationTests {

	private static final int REQUESTS = 24;

	@ProxyTest
	void callsTheUpstreamFromTheEventLoopOfTheClientConnection(Gateway gateway, ServerKind server) {
		Capture capture = gateway.bean(Capture.class);
		for (int i = 0; i < REQUESTS; i++) {
			// A new connection each time, so the requests arrive on every event loop of the server.
			Integer status = HttpClient.newConnection()
				.get()
				.uri(gateway.uri("/bytes/1000?probe=" + i))
				.responseSingle((response, body) -> body.then().thenReturn(response.status().code()))
				.block(Duration.ofSeconds(10));
			assertThat(status).isEqualTo(200);
		}
		assertThat(capture.upstreamLoops).hasSize(REQUESTS);
		if (server == ServerKind.TOMCAT) {
			assertThat(capture.serverLoops).isEmpty();
			return;
		}
		assertThat(new HashSet<>(capture.serverLoops.values())).as("event loops the requests arrived on")
			.hasSizeGreaterThan(1);
		assertThat(capture.upstreamLoops).isEqualTo(capture.serverLoops);
	}

	@Configuration(proxyBeanMethods = false)
	static class Capture {

		final Map<String, String> serverLoops = new ConcurrentHashMap<>();

		final Map<String, String> upstreamLoops = new ConcurrentHashMap<>();

		@Bean
		WebFilter captureServerLoop() {
			return (exchange, chain) -> {
				String query = exchange.getRequest().getURI().getRawQuery();
				if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection
						&& query != null) {
					this.serverLoops.put(query, connection.channel().eventLoop().toString());
				}
				return chain.filter(exchange);
			};
		}

		@Bean
		SluiceHttpClientCustomizer captureUpstreamLoop() {
			return (client) -> client.doAfterRequest((request, connection) -> {
				String uri = request.uri();
				int query = uri.indexOf('?');
				if (query >= 0) {
					this.upstreamLoops.put(uri.substring(query + 1), connection.channel().eventLoop().toString());
				}
			});
		}

	}

}
