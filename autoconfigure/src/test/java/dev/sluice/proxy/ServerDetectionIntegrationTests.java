package dev.sluice.proxy;

import java.time.Duration;


import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writer follows the server that actually started: both server modules are on this test's
 * classpath, so a choice made from classes would be wrong for one of the two.
 */
@GatewayApp(properties = { "sluice.routes[0].id=up", "sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/**" })
class ServerDetectionIntegrationTests {

	@ProxyTest
	void choosesTheWriterForTheServerThatStarted(Gateway gateway, ServerKind server) {
		ResponseWriterSelector selector = gateway.bean(ResponseWriterSelector.class);
		assertThat(selector.server().name()).isEqualTo(server.reportedName());
		assertThat(selector.server().servlet()).isEqualTo(server == ServerKind.TOMCAT);
		assertThat(selector.writerName()).isEqualTo((server == ServerKind.TOMCAT) ? "copy" : "zero-copy");
	}

	@ProxyTest
	void copiesOnEitherServerWhenToldTo(ServerKind server) {
		try (Gateway gateway = Gateway.start(server, new String[] { "sluice.buffers.writer=copy",
				"sluice.routes[0].id=up", "sluice.routes[0].uri=${upstream.uri}",
				"sluice.routes[0].predicates[0]=Path=/**" })) {
			assertThat(gateway.bean(ResponseWriterSelector.class).writerName()).isEqualTo("copy");
			int size = 3 * 1024 * 1024 + 5;
			long crc = gateway.downloadChecksum("/bytes/" + size, Duration.ofSeconds(30));
			assertThat(crc).isEqualTo(TestUpstream.crcOf(size));
		}
	}

	@ProxyTest
	void zeroCopyStartsOnlyOnReactorNetty(ServerKind server) {
		String[] properties = { "sluice.buffers.writer=zero-copy" };
		if (server == ServerKind.REACTOR_NETTY) {
			try (Gateway gateway = Gateway.start(server, properties)) {
				assertThat(gateway.bean(ResponseWriterSelector.class).writerName()).isEqualTo("zero-copy");
			}
		}
		else {
			assertThatThrownBy(() -> Gateway.start(server, properties)).hasRootCauseInstanceOf(RouteDefinitionException.class)
				.rootCause()
				.hasMessageContaining("sluice.buffers.writer: zero-copy needs Reactor Netty")
				.hasMessageContaining("tomcat");
		}
	}


}
