package dev.sluice.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send their request headers one byte at a time are disconnected once
 * {@code sluice.server.request-head-timeout} has passed since their first byte, and a normal
 * request gets through meanwhile. Before the timeout, Reactor Netty kept such connections open for
 * as long as the bytes kept coming. Tomcat keeps them open too, since its connection timeout counts
 * from the last read, and it has no hook for a deadline on the head (docs/security.md): there the
 * test checks that normal requests are still served, and that the connections are indeed not closed,
 * so that the documentation is revisited when that changes.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=all",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/**",
		"sluice.server.request-head-timeout=500ms" })
class SlowRequestHeadIntegrationTests {

	private static final int CLIENTS = 5;

	private static final byte[] HEAD = ("GET /bytes/16 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			+ "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n")
		.getBytes(StandardCharsets.ISO_8859_1);

	/** A byte every 100ms: the head would take over 11s to arrive. */
	private static final long BYTE_INTERVAL_MILLIS = 100;

	/** Far beyond the timeout: a connection still open by then was not closed for being slow. */
	private static final Duration GIVE_UP = Duration.ofSeconds(5);

	@ProxyTest
	void closesConnectionsWhoseHeadersTrickleAndServesOthers(Gateway gateway) throws Exception {
		assertThat(download(gateway, Duration.ofSeconds(20))).hasSize(16);
		List<Socket> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				Socket socket = new Socket();
				socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
				socket.setSoTimeout(1);
				clients.add(socket);
			}
			assertThat(download(gateway, Duration.ofSeconds(1))).hasSize(16);
			long started = System.nanoTime();
			int closed = 0;
			boolean[] done = new boolean[CLIENTS];
			for (int sent = 0; sent < HEAD.length && closed < CLIENTS
					&& System.nanoTime() - started < GIVE_UP.toNanos(); sent++) {
				for (int i = 0; i < CLIENTS; i++) {
					if (!done[i] && (!trickle(clients.get(i), HEAD[sent]) || closedByPeer(clients.get(i)))) {
						done[i] = true;
						closed++;
					}
				}
				Thread.sleep(BYTE_INTERVAL_MILLIS);
			}
			assertThat(closed).as("connections closed within %s while sending headers a byte every %dms", GIVE_UP,
					BYTE_INTERVAL_MILLIS)
				.isEqualTo((gateway.server() == ServerKind.TOMCAT) ? 0 : CLIENTS);
			assertThat(download(gateway, Duration.ofSeconds(1))).hasSize(16);
		}
		finally {
			for (Socket client : clients) {
				client.close();
			}
		}
	}

	private static boolean trickle(Socket socket, byte b) {
		try {
			OutputStream out = socket.getOutputStream();
			out.write(b);
			out.flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Whether the gateway has closed the connection (a response would count as not closed). */
	private static boolean closedByPeer(Socket socket) {
		try {
			InputStream in = socket.getInputStream();
			return in.read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static byte[] download(Gateway gateway, Duration timeout) {
		return gateway.httpClient().get().uri("/bytes/16").responseContent().aggregate().asByteArray().block(timeout);
	}

}
