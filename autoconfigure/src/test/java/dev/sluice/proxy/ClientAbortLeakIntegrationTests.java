package dev.sluice.proxy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.buffer.BufferLedger;
import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.LeakDetectionExtension;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that abort downloads in numbers, as in the acceptance run that found a leaked upstream
 * buffer at {@code paranoid}. Each round mixes, all at once: clients that hang up part-way through
 * a 1 MiB body, clients that reset after 128 KiB, clients that the upstream disconnects at the very
 * moment it answers (the race that leaked: the gateway sees the client go and the answer arrive in
 * one pass of its event loop), and kept-alive connections downloading whole bodies. After every
 * round no buffer may be leaked, by Netty's detector, nor outstanding in the ledger. Rounds run until
 * a time budget is spent, bounded in number.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=download",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/download/**",
		"sluice.routes[0].filters[0]=StripPrefix=1",
		"sluice.http-client.max-connections=512" })
class ClientAbortLeakIntegrationTests {

	private static final int BODY = 1024 * 1024;

	private static final int HANG_UPS = 50;

	private static final int RESETS = 100;

	private static final int RESET_AFTER = 128 * 1024;

	private static final int LEAVERS = 100;

	/** More than one piece of Netty's decoder, so that a piece is left once the first is taken. */
	private static final int LEAVER_BODY = 32 * 1024;

	private static final AtomicLong CUES = new AtomicLong();

	private static final int BURST_CONNECTIONS = 8;

	private static final int BURST_REQUESTS = 25;

	private static final int BURST_BODY = 64 * 1024;

	/** The code before the fix leaked in the first round of every run (6 of 6). */
	private static final int ROUNDS = 2;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration CUE_WAIT = Duration.ofSeconds(10);

	@ProxyTest
	void releasesEveryUpstreamBufferWhenClientsAbortDownloads(Gateway gateway) throws Exception {
		BufferLedger ledger = gateway.bean(BufferLedger.class);
		Random random = new Random(13);
		ExecutorService clients = Executors.newFixedThreadPool(32);
		try {
			for (int number = 1; number <= ROUNDS; number++) {
				List<Client> round = new ArrayList<>();
				for (int i = 0; i < HANG_UPS; i++) {
					int readBeforeHangUp = random.nextInt(BODY);
					round.add(new Client("hang up after " + readBeforeHangUp + " bytes",
							() -> abort(gateway, readBeforeHangUp, false)));
				}
				for (int i = 0; i < RESETS; i++) {
					round.add(new Client("reset after " + RESET_AFTER + " bytes", () -> abort(gateway, RESET_AFTER, true)));
				}
				for (int i = 0; i < LEAVERS; i++) {
					boolean reset = random.nextBoolean();
					round.add(new Client((reset ? "reset" : "hang up") + " as the answer comes",
							() -> leaveAsTheAnswerComes(gateway, reset)));
				}
				for (int i = 0; i < BURST_CONNECTIONS; i++) {
					round.add(new Client("whole downloads", () -> downloads(gateway)));
				}
				Collections.shuffle(round, random);
				awaitAll(round, clients.invokeAll(round, TIMEOUT.toSeconds(), TimeUnit.SECONDS), number);
				List<String> reports = LeakDetectionExtension.collect();
				assertThat(reports).as("Netty leak reports after round %d", number).isEmpty();
				awaitNoneOutstanding(ledger, number);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	/**
	 * Downloads a 1 MiB body, reads part of it, and leaves. Only the client's own side may fail
	 * once it has the head: the server may have closed first.
	 */
	private static Void abort(Gateway gateway, int readBeforeLeaving, boolean reset) throws IOException {
		RawHttp client = RawHttp.connect(gateway.port());
		try {
			String head = client.send("GET", "/download/bytes/" + BODY).readHead();
			assertThat(head).startsWith("HTTP/1.1 200");
			client.readBytes(readBeforeLeaving);
		}
		catch (IOException ex) {
			// The gateway closed first; the client leaves all the same.
		}
		finally {
			leave(client, reset);
		}
		return null;
	}

	/**
	 * Asks for a body and leaves at the moment the upstream answers: the upstream closes this
	 * client's connection to the gateway and then sends its answer, so the gateway sees the client
	 * go and the answer arrive at once.
	 */
	private static Void leaveAsTheAnswerComes(Gateway gateway, boolean reset) throws Exception {
		String cue = "leave-" + CUES.incrementAndGet();
		RawHttp client = RawHttp.connect(gateway.port());
		CountDownLatch left = new CountDownLatch(1);
		TestUpstream.get().cue(cue, () -> {
			leave(client, reset);
			left.countDown();
		});
		try {
			client.send("GET", "/download/bytes/" + LEAVER_BODY + "?cue=" + cue);
			if (!left.await(CUE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				String answer;
				try {
					answer = client.readHead();
				}
				catch (IOException ex) {
					answer = ex.toString();
				}
				throw new AssertionError("The upstream did not receive " + cue + " within " + CUE_WAIT.toSeconds()
						+ "s; the gateway answered: " + answer);
			}
		}
		finally {
			leave(client, reset);
		}
		return null;
	}

	private static void leave(RawHttp client, boolean reset) {
		try {
			if (reset) {
				client.close();
			}
			else {
				client.hangUp();
			}
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	/**
	 * Downloads whole bodies one after another on one kept-alive connection, as a load generator
	 * does.
	 */
	private static Void downloads(Gateway gateway) throws IOException {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			for (int i = 0; i < BURST_REQUESTS; i++) {
				String head = client.send("GET", "/download/bytes/" + BURST_BODY).readHead();
				if (head.startsWith("HTTP/1.1 502")) {
					// The gateway's own answer when a new upstream connection fails under this churn
					// (seen once in ~30 runs: epoll's NotYetConnectedException); 502s are the subject
					// of UpstreamFailureTests, not of this test, which needs the traffic, not its success.
					assertThat(client.readBody(contentLength(head))).contains("\"status\":502");
					continue;
				}
				assertThat(head).startsWith("HTTP/1.1 200");
				assertThat(client.readUpTo(BURST_BODY)).hasSize(BURST_BODY);
			}
		}
		return null;
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
			}
		}
		throw new AssertionError("No Content-Length in " + head);
	}

	private static void awaitAll(List<Client> round, List<Future<Void>> results, int number) throws Exception {
		List<String> unfinished = new ArrayList<>();
		for (int i = 0; i < results.size(); i++) {
			if (results.get(i).isCancelled()) {
				unfinished.add(round.get(i).toString());
			}
		}
		if (!unfinished.isEmpty()) {
			throw new AssertionError(unfinished.size() + " client(s) still running " + TIMEOUT.toSeconds()
					+ "s into round " + number + ": " + unfinished);
		}
		for (Future<Void> result : results) {
			result.get();
		}
	}

	private static void awaitNoneOutstanding(BufferLedger ledger, int round) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (ledger.totals().outstanding() != 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(ledger.totals().outstanding() + " buffer(s) outstanding in the ledger after round "
						+ round + ": " + ledger.outstanding(10));
			}
			Thread.sleep(10);
		}
	}

	/**
	 * One client of a round, described for a failure message, with the moment it started.
	 */
	private static final class Client implements Callable<Void> {

		private final String description;

		private final Callable<Void> action;

		private volatile long started;

		Client(String description, Callable<Void> action) {
			this.description = description;
			this.action = action;
		}

		@Override
		public Void call() throws Exception {
			this.started = System.nanoTime();
			return this.action.call();
		}

		@Override
		public String toString() {
			long started = this.started;
			return this.description + ((started == 0) ? " (not started)"
					: " (running for " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms)");
		}

	}

}
