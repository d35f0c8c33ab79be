package dev.sluice.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that start a chunked request body and then send nothing more cannot hold the upstream's
 * connections: each gets a 408 once its body has been idle for
 * {@code sluice.http-client.request-body-idle-timeout}, and a normal request still gets through at
 * once. The pool is made small (and shared by the event loops) so that the slow clients would take
 * all of it; before the timeout they held it until they went, and the normal request waited.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=upload",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/**",
		"sluice.http-client.max-connections=2",
		"sluice.http-client.loop-affinity=false",
		"sluice.http-client.request-body-idle-timeout=200ms" })
class SlowRequestBodyIntegrationTests {

	private static final int SLOW_CLIENTS = 3;

	@ProxyTest
	void answersStalledRequestBodiesWith408AndKeepsThePoolForOthers(Gateway gateway) throws Exception {
		// Warmed up, so that the request timed below measures the slow clients' effect.
		assertThat(download(gateway, Duration.ofSeconds(20))).hasSize(1024);
		List<RawHttp> slow = new ArrayList<>();
		try {
			for (int i = 0; i < SLOW_CLIENTS; i++) {
				RawHttp client = RawHttp.connect(gateway.port())
					.send("POST", "/crc", "Transfer-Encoding: chunked", "Content-Type: application/octet-stream");
				client.write("1\r\na\r\n");
				slow.add(client);
			}
			assertThat(download(gateway, Duration.ofSeconds(1))).hasSize(1024);
			for (RawHttp client : slow) {
				assertThat(client.readHead()).startsWith("HTTP/1.1 408");
			}
		}
		finally {
			for (RawHttp client : slow) {
				client.close();
			}
		}
	}

	private static byte[] download(Gateway gateway, Duration timeout) {
		return gateway.httpClient().get().uri("/bytes/1024").responseContent().aggregate().asByteArray().block(timeout);
	}

}
