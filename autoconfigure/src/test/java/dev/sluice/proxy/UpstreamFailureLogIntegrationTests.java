package dev.sluice.proxy;

import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a failed upstream call costs in the body and in the log: a short reason without an
 * exception's name for the client, and one WARN line with the route, the upstream and the cause for
 * the operator, however many requests fail the same way within the interval, with no stack trace of
 * any library's beside it.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=down",
		"sluice.routes[0].uri=http://127.0.0.1:1",
		"sluice.routes[0].predicates[0]=Path=/down/**",
		"sluice.routes[1].id=hangs-up",
		"sluice.routes[1].uri=${raw-upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/no-head/**",
		"sluice.routes[2].id=slow",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/delay/**",
		"sluice.routes[2].metadata.response-timeout=200ms",
		"sluice.routes[3].id=ok",
		"sluice.routes[3].uri=${upstream.uri}",
		"sluice.routes[3].predicates[0]=Path=/bytes/**" })
@ExtendWith(OutputCaptureExtension.class)
class UpstreamFailureLogIntegrationTests {

	@ProxyTest
	void logsOneLinePerKindOfFailureAndNamesNoExceptionInTheBody(Gateway gateway, CapturedOutput output) {
		gateway.get("/bytes/1", 200);
		for (String[] call : List.of(new String[] { "/down/x", "502", "down", "http://127.0.0.1:1", "java.net.ConnectException" },
				new String[] { "/no-head/x", "502", "hangs-up", "http://127.0.0.1:", "PrematureCloseException" },
				new String[] { "/delay/1000", "504", "slow", "http://127.0.0.1:", "ReadTimeoutException" })) {
			int from = output.getOut().length();
			for (int i = 0; i < 3; i++) {
				String body = gateway.get(call[0], Integer.parseInt(call[1]));
				assertThat(body).as(call[0]).doesNotContain("Exception").doesNotContain("java.").doesNotContain("io.netty");
			}
			// A request that succeeds after them: what the failed ones logged is out by now.
			gateway.get("/bytes/1", 200);
			List<String> lines = output.getOut().substring(from).lines().toList();
			assertThat(lines).as(call[0]).hasSize(1);
			assertThat(lines.get(0)).contains(" WARN ", "Route " + call[2] + ": " + call[1] + " from " + call[3], call[4]);
		}
	}

}
