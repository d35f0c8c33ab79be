import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The paranoid soak over h2c: a few HTTP/2 connections (the JDK's client, upgraded from HTTP/1.1)
 * carry many concurrent streams that share a bounded request budget and a deadline. Each request
 * has its own token, echoed by {@code TokenUpstream}; a share of streams is cancelled by the client
 * mid-body (RST_STREAM), a share goes to the resetting upstream, and a share to the upstream's
 * awkward answers (early hints, 100 Continue, a 204 with a body, stray bytes, short and
 * unterminated bodies, Connection: close). Prints one JSON line of counts, in {@code SoakDriver}'s
 * shape, at the end. JDK only, compiled with the other classes of {@code bench/soak}:
 * {@code java -cp classes H2cSoakDriver key=value ...}.
 */
public final class H2cSoakDriver {

	private static final String[] KINDS = { "hints", "continue", "nocontent", "trailing", "short", "unterminated",
			"close" };

	/**
	 * How long a request may wait for its response head; the body is read with the stream's own
	 * reads. A stream that never answers is counted as an error rather than holding the run open.
	 */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

	private final LongAdder ok = new LongAdder();

	private final LongAdder cancels = new LongAdder();

	private final LongAdder upstreamResets = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder misdelivered = new LongAdder();

	private final LongAdder tokensChecked = new LongAdder();

	private final LongAdder notH2 = new LongAdder();

	private final LongAdder bytes = new LongAdder();

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = SoakDriver.options(args);
		String host = opts.getOrDefault("host", "127.0.0.1");
		if (!host.startsWith("127.")) {
			throw new IllegalArgumentException("loopback only: " + host);
		}
		new H2cSoakDriver().run(opts, "http://" + host + ":" + opts.get("port"));
	}

	private void run(Map<String, String> opts, String base) throws Exception {
		long total = Long.parseLong(opts.getOrDefault("requests", "200000"));
		long deadline = System.nanoTime() + Long.parseLong(opts.getOrDefault("seconds", "900")) * 1_000_000_000L;
		int clients = Integer.parseInt(opts.getOrDefault("h2Connections", "4"));
		int streams = Integer.parseInt(opts.getOrDefault("connections", "32"));
		double cancelShare = Double.parseDouble(opts.getOrDefault("clientResets", "0.10"));
		double resetShare = Double.parseDouble(opts.getOrDefault("upstreamResets", "0.01"));
		double integrityShare = Double.parseDouble(opts.getOrDefault("integrity", "0.10"));
		long[] sizes = SoakDriver.parseLongs(opts.getOrDefault("sizes", "1024,65536,1048576"));
		double[] weights = SoakDriver.cumulative(opts.getOrDefault("weights", "0.70,0.25,0.05"));
		HttpClient[] pool = new HttpClient[clients];
		for (int i = 0; i < clients; i++) {
			pool[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
				.connectTimeout(Duration.ofSeconds(5)).build();
			// The first request upgrades the connection to h2c; later ones are streams on it.
			pool[i].send(HttpRequest.newBuilder(URI.create(base + "/t/echo?size=16&token=warm")).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		AtomicLong issued = new AtomicLong();
		long start = System.nanoTime();
		Thread[] workers = new Thread[streams];
		for (int i = 0; i < streams; i++) {
			HttpClient client = pool[i % clients];
			String tokenPrefix = "s" + i + "-";
			workers[i] = new Thread(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				byte[] buffer = new byte[65536];
				long sent = 0;
				while (issued.getAndIncrement() < total && System.nanoTime() < deadline) {
					String token = tokenPrefix + (sent++);
					double roll = random.nextDouble();
					try {
						if (roll < resetShare) {
							upstreamReset(client, base, buffer);
						}
						else if (roll < resetShare + integrityShare) {
							integrity(client, base, KINDS[random.nextInt(KINDS.length)], token, buffer);
						}
						else {
							long size = sizes[SoakDriver.pick(weights, random.nextDouble())];
							boolean cancel = roll < resetShare + integrityShare + cancelShare;
							echo(client, base, size, token, buffer, cancel ? random.nextLong(1, size / 2 + 2) : -1);
						}
					}
					catch (IOException ex) {
						error(ex.getClass().getSimpleName() + ": " + ex.getMessage());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}, "h2c-soak-" + i);
			workers[i].setDaemon(true);
			workers[i].start();
		}
		Thread progress = new Thread(() -> {
			while (true) {
				try {
					Thread.sleep(10_000);
				}
				catch (InterruptedException ex) {
					return;
				}
				System.err.printf(Locale.ROOT, "h2c soak: %d issued in %.0f s, %d errors%n", Math.min(issued.get(), total),
						(System.nanoTime() - start) / 1e9, this.errors.sum());
			}
		});
		progress.setDaemon(true);
		progress.start();
		long joinDeadline = deadline + REQUEST_TIMEOUT.multipliedBy(3).toNanos();
		for (Thread worker : workers) {
			worker.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
			if (worker.isAlive()) {
				// A body that stops arriving mid-stream: reads have no timeout of their own.
				error("stream still open at the deadline");
				worker.interrupt();
			}
		}
		double secs = (System.nanoTime() - start) / 1e9;
		long done = this.ok.sum() + this.cancels.sum() + this.upstreamResets.sum() + this.errors.sum()
				+ this.outcomes.values().stream().mapToLong(LongAdder::sum).sum();
		System.out.printf(Locale.ROOT,
				"{\"requests\":%d,\"seconds\":%.1f,\"ok\":%d,\"clientResets\":%d,\"upstreamResetRequests\":%d,"
						+ "\"upstreamResetsSeen\":%d,\"upstreamResetsLate\":0,\"upstreamResetLatestMillis\":0,"
						+ "\"upstreamResetsHung\":0,\"errors\":%d,\"errorKinds\":%s,\"bytes\":%d,\"budget\":%d,"
						+ "\"hitDeadline\":%b,\"tokensChecked\":%d,\"misdelivered\":%d,\"notH2\":%d,\"integrity\":%s}%n",
				done, secs, this.ok.sum(), this.cancels.sum(), this.upstreamResets.sum(), this.upstreamResets.sum(),
				this.errors.sum(), json(this.errorKinds), this.bytes.sum(), total, done < total, this.tokensChecked.sum(),
				this.misdelivered.sum(), this.notH2.sum(), json(this.outcomes));
	}

	/** An echo of {@code size} bytes, read whole or, with {@code cancelAfter} ≥ 0, cancelled part-way. */
	private void echo(HttpClient client, String base, long size, String token, byte[] buffer, long cancelAfter)
			throws IOException, InterruptedException {
		HttpResponse<InputStream> response = client.send(
				HttpRequest.newBuilder(URI.create(base + "/t/echo?size=" + size + "&token=" + token))
					.timeout(REQUEST_TIMEOUT)
					.build(),
				HttpResponse.BodyHandlers.ofInputStream());
		Body body = Body.read(response.body(), buffer, (cancelAfter >= 0) ? cancelAfter : Long.MAX_VALUE);
		this.bytes.add(body.length);
		if (!own(response, token, body)) {
			return;
		}
		if (cancelAfter >= 0) {
			// Closing the stream before its end makes the JDK's client reset it (RST_STREAM CANCEL).
			this.cancels.increment();
		}
		else if (response.statusCode() == 200 && body.length == size) {
			this.ok.increment();
		}
		else {
			error("echo-status-" + response.statusCode() + "-length-" + body.length);
		}
	}

	private void upstreamReset(HttpClient client, String base, byte[] buffer) throws InterruptedException {
		try {
			HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base + "/reset/x"))
				.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
			Body body = Body.read(response.body(), buffer, Long.MAX_VALUE);
			if (response.statusCode() == 200 && body.length == 65536) {
				error("reset-route-complete");
				return;
			}
		}
		catch (IOException ex) {
			// The stream was reset or the body cut short: as it must be.
		}
		this.upstreamResets.increment();
	}

	private void integrity(HttpClient client, String base, String kind, String token, byte[] buffer)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/t/" + kind + "?size=1024&token=" + token))
			.timeout(REQUEST_TIMEOUT);
		if (kind.equals("continue")) {
			// No Expect header from the client: the JDK's client sends "Expect: 100-Continue", which
			// Tomcat's HTTP/2 compares case-sensitively and never answers (docs/servers.md). The
			// upstream still sends its unasked-for 100 Continue.
			request.POST(HttpRequest.BodyPublishers.ofString("continue-payload"));
		}
		HttpResponse<InputStream> response;
		Body body;
		try {
			response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			body = Body.read(response.body(), buffer, Long.MAX_VALUE);
		}
		catch (IOException ex) {
			boolean broken = kind.equals("short") || kind.equals("unterminated");
			outcome(broken ? kind : kind + "-" + ex.getClass().getSimpleName(), broken);
			return;
		}
		this.bytes.add(body.length);
		if (!own(response, token, body)) {
			return;
		}
		int status = response.statusCode();
		switch (kind) {
			case "nocontent" -> outcome((status == 204) ? kind : kind + "-status-" + status, status == 204);
			case "short", "unterminated" -> {
				// Over HTTP/2 a broken body must end in a reset stream (an IOException above), or a 5xx.
				boolean broken = status >= 500;
				outcome(broken ? kind : kind + "-looked-complete", broken);
			}
			default -> {
				boolean whole = status == 200 && body.length == 1024;
				outcome(whole ? kind : kind + "-status-" + status + "-length-" + body.length, whole);
			}
		}
	}

	private boolean own(HttpResponse<?> response, String token, Body body) {
		if (response.version() != HttpClient.Version.HTTP_2) {
			this.notH2.increment();
			error("not-h2");
			return false;
		}
		String echoed = response.headers().firstValue("x-token").orElse(null);
		if (echoed == null) {
			if (response.statusCode() < 400) {
				error("no-token-status-" + response.statusCode());
				return false;
			}
			return true;
		}
		this.tokensChecked.increment();
		String bodyStart = new String(body.first, 0, Math.min(body.firstLength, token.length()), StandardCharsets.US_ASCII);
		if (!echoed.equals(token) || !(body.firstLength == 0 || token.startsWith(bodyStart))) {
			this.misdelivered.increment();
			error("misdelivered");
			return false;
		}
		return true;
	}

	private void outcome(String outcome, boolean expected) {
		if (expected) {
			this.outcomes.computeIfAbsent(outcome, (k) -> new LongAdder()).increment();
		}
		else {
			error(outcome);
		}
	}

	private void error(String kind) {
		this.errors.increment();
		this.errorKinds.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
	}

	private static String json(Map<String, LongAdder> counts) {
		StringBuilder json = new StringBuilder("{");
		counts.forEach((kind, n) -> json.append((json.length() > 1) ? "," : "").append('"')
			.append(kind.replace("\\", "\\\\").replace("\"", "\\\"")).append("\":").append(n.sum()));
		return json.append('}').toString();
	}

	/** What was read of a body: its length and first bytes. */
	private record Body(long length, byte[] first, int firstLength) {

		static Body read(InputStream in, byte[] buffer, long limit) throws IOException {
			byte[] first = new byte[64];
			int firstLength = 0;
			long read = 0;
			try (in) {
				while (read < limit) {
					int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read));
					if (n < 0) {
						break;
					}
					if (firstLength < first.length) {
						int copied = Math.min(n, first.length - firstLength);
						System.arraycopy(buffer, 0, first, firstLength, copied);
						firstLength += copied;
					}
					read += n;
				}
			}
			return new Body(read, first, firstLength);
		}

	}

}
