package dev.sluice.proxy;

import java.time.Duration;

import dev.sluice.buffer.LedgerFigures;
import dev.sluice.buffer.BufferLedger;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice.http-client.max-chunk-size} bounds the pieces an upstream body is handed on in:
 * with 1KB pieces a 64 KiB body passes as at least 64 buffers, every byte intact.
 */
@GatewayApp(properties = { "sluice.routes[0].id=up", "sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/**", "sluice.http-client.max-chunk-size=1KB" })
class ResponsePiecesIntegrationTests {

	private static final int BODY = 64 * 1024;

	@ProxyTest
	void handsTheBodyOnInPiecesOfAtMostTheMaxChunkSize(Gateway gateway) {
		BufferLedger ledger = gateway.bean(BufferLedger.class);
		LedgerFigures before = ledger.route("up");
		long acquiredBefore = (before != null) ? before.acquired() : 0;
		long crc = gateway.downloadChecksum("/bytes/" + BODY, Duration.ofSeconds(30));
		assertThat(crc).isEqualTo(TestUpstream.crcOf(BODY));
		assertThat(ledger.route("up").acquired() - acquiredBefore).isGreaterThanOrEqualTo(BODY / 1024);
	}

}
