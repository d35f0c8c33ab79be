package dev.sluice.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that ask for a large body and never read it: the gateway holds a bounded number of bytes
 * for each, its upstream pool still serves other clients at once, and everything is released once
 * they go. Before the bound, Reactor Netty's server held up to 128 pieces of 64 KiB per client
 * (89.9 MB for these 17 clients, 137 KB after), and on Tomcat seventeen such clients took every
 * connection of the upstream pool (16 then) and the next request waited for one.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=download",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/bytes/**" })
class NonReadingClientsIntegrationTests {

	/** One more than the connections the upstream pool used to have on a two-core machine. */
	private static final int CLIENTS = 17;

	/** Larger than what the kernel buffers between the gateway and a client that does not read. */
	private static final int BODY = 16 * 1024 * 1024;

	/** Well above the bound (a 64 KiB high-water mark and two 64 KiB pieces), well below 8 MiB. */
	private static final long MAX_HELD_PER_CLIENT = 1024 * 1024;

	@ProxyTest
	void holdsBoundedMemoryForClientsThatDoNotReadAndServesOthers(Gateway gateway) throws Exception {
		BufferLedger ledger = gateway.bean(BufferLedger.class);
		// Warmed up, so that the request timed below measures the clients' effect, not class loading.
		assertThat(download(gateway, Duration.ofSeconds(20))).hasSize(1024);
		List<Socket> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(requestWithoutReading(gateway.port(), "/bytes/" + BODY));
			}
			long held = awaitSteadyOutstandingBytes(ledger);
			assertThat(held).as("bytes held for %d clients that do not read", CLIENTS)
				.isLessThanOrEqualTo(CLIENTS * MAX_HELD_PER_CLIENT);
			assertThat(download(gateway, Duration.ofSeconds(1))).hasSize(1024);
		}
		finally {
			for (Socket client : clients) {
				client.close();
			}
		}
	}

	private static byte[] download(Gateway gateway, Duration timeout) {
		return gateway.httpClient().get().uri("/bytes/1024").responseContent().aggregate().asByteArray().block(timeout);
	}

	private static Socket requestWithoutReading(int port, String path) throws IOException {
		Socket socket = new Socket();
		// A small window, so the kernel takes little of the body on the client's behalf.
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		return socket;
	}

	/**
	 * Waits until the ledger's outstanding bytes have not grown for a second, which they do
	 * while the gateway reads ahead of the clients, and returns them.
	 */
	private static long awaitSteadyOutstandingBytes(BufferLedger ledger) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		long steadySince = System.nanoTime();
		long last = -1;
		while (System.nanoTime() < deadline) {
			long now = ledger.totals().outstandingBytes();
			if (now > last) {
				last = now;
				steadySince = System.nanoTime();
			}
			else if (last > 0 && System.nanoTime() - steadySince > Duration.ofSeconds(1).toNanos()) {
				return last;
			}
			Thread.sleep(20);
		}
		return last;
	}

}
