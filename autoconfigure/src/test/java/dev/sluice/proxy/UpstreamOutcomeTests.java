package dev.sluice.proxy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpstreamOutcome}: the word each way an upstream call can end is reported with.
 * The real failures behind them are produced in {@code RouteMetricsIntegrationTests}.
 */
class UpstreamOutcomeTests {

	@Test
	void reportsAnUnreachableUpstreamAsAConnectFailure() {
		assertThat(UpstreamOutcome.of(UpstreamFailure.of(new ConnectException("Connection refused"))))
			.isEqualTo(UpstreamOutcome.CONNECT_FAILURE);
		assertThat(UpstreamOutcome.of(UpstreamFailure.of(new UnknownHostException("nowhere.invalid"))))
			.isEqualTo(UpstreamOutcome.CONNECT_FAILURE);
		assertThat(UpstreamOutcome.of(UpstreamFailure.of(new SSLHandshakeException("PKIX path building failed"))))
			.isEqualTo(UpstreamOutcome.CONNECT_FAILURE);
	}

	@Test
	void reportsEveryTimeoutAsATimeout() {
		assertThat(UpstreamOutcome.of(UpstreamFailure.of(ReadTimeoutException.INSTANCE)))
			.isEqualTo(UpstreamOutcome.TIMEOUT);
		assertThat(UpstreamOutcome.of(UpstreamFailure.of(new ConnectTimeoutException("connection timed out"))))
			.isEqualTo(UpstreamOutcome.TIMEOUT);
		assertThat(UpstreamOutcome.of(UpstreamFailure.of(new SslHandshakeTimeoutException("handshake timed out"))))
			.isEqualTo(UpstreamOutcome.TIMEOUT);
		// A circuit breaker's time limit on the body arrives as it is.
		assertThat(UpstreamOutcome.of(new TimeoutException())).isEqualTo(UpstreamOutcome.TIMEOUT);
	}

	@Test
	void reportsAnUpstreamThatBrokeOffAsAReset() {
		assertThat(UpstreamOutcome.of(UpstreamFailure.of(PrematureCloseException.TEST_EXCEPTION)))
			.isEqualTo(UpstreamOutcome.RESET);
		assertThat(UpstreamOutcome.of(UpstreamFailure.of(new IOException("recvAddress(..) failed: Connection reset by peer"))))
			.isEqualTo(UpstreamOutcome.RESET);
	}

	@Test
	void reportsAFailureOnTheClientsSideAsAClientCancel() {
		assertThat(UpstreamOutcome.of(RequestBodyFailure.of(new IOException("client closed"))))
			.isEqualTo(UpstreamOutcome.CLIENT_CANCEL);
		assertThat(UpstreamOutcome.of(new IOException("Broken pipe"))).isEqualTo(UpstreamOutcome.CLIENT_CANCEL);
	}

	@Test
	void spellsOutcomesAsTagValues() {
		assertThat(UpstreamOutcome.values()).extracting(UpstreamOutcome::value)
			.containsExactly("success", "connect-failure", "timeout", "reset", "client-cancel", "pool-exhausted", "error",
					"none");
	}

}
