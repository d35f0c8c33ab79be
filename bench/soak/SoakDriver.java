import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soak load for a gateway on loopback: N keep-alive connections share a bounded request budget
 * and a deadline. Each request picks a body size by weight; a share of requests is abandoned by
 * the client mid-body with a TCP RST, and a share goes to a route whose upstream resets mid-body.
 * With {@code tokens=true} every request carries its own token, which the upstream
 * ({@code TokenUpstream}) echoes, and a response carrying another's token is counted as
 * misdelivered; a share {@code integrity} of requests then exercises the awkward upstreams and
 * clients of {@link Integrity}. Prints one JSON line of counts at the end. JDK only, compiled
 * with the other classes of {@code bench/soak} ({@code soak.sh} does):
 * {@code java -cp classes SoakDriver key=value ...}.
 */
public final class SoakDriver {

	static final class Counts {

		final LongAdder ok = new LongAdder();

		final LongAdder clientResets = new LongAdder();

		final LongAdder upstreamResetsSeen = new LongAdder();

		final LongAdder upstreamResetRequests = new LongAdder();

		final LongAdder upstreamResetsHung = new LongAdder();

		final LongAdder upstreamResetsLate = new LongAdder();

		final AtomicLong upstreamResetLatestMillis = new AtomicLong();

		final LongAdder errors = new LongAdder();

		final LongAdder bytes = new LongAdder();

		final LongAdder misdelivered = new LongAdder();

		final LongAdder tokensChecked = new LongAdder();

		final Map<String, LongAdder> integrity = new ConcurrentHashMap<>();

		final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

		void error(String kind) {
			this.errors.increment();
			this.errorKinds.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
		}

	}

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = options(args);
		String host = opts.getOrDefault("host", "127.0.0.1");
		if (!host.startsWith("127.")) {
			throw new IllegalArgumentException("loopback only: " + host);
		}
		int port = Integer.parseInt(opts.get("port"));
		long total = Long.parseLong(opts.getOrDefault("requests", "1000000"));
		long deadline = System.nanoTime() + Long.parseLong(opts.getOrDefault("seconds", "900")) * 1_000_000_000L;
		int connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
		double clientResetShare = Double.parseDouble(opts.getOrDefault("clientResets", "0.10"));
		double upstreamResetShare = Double.parseDouble(opts.getOrDefault("upstreamResets", "0.01"));
		String[] paths = opts.getOrDefault("paths", "/up/1k.bin,/up/64k.bin,/up/1m.bin").split(",");
		long[] sizes = parseLongs(opts.getOrDefault("sizes", "1024,65536,1048576"));
		double[] weights = cumulative(opts.getOrDefault("weights", "0.70,0.25,0.05"));
		String resetPath = opts.getOrDefault("resetPath", "/reset/x");
		int resetTimeoutMillis = Integer.parseInt(opts.getOrDefault("resetTimeoutMillis", "500"));
		int hungTimeoutMillis = Integer.parseInt(opts.getOrDefault("hungTimeoutMillis", "10000"));
		boolean tokens = Boolean.parseBoolean(opts.getOrDefault("tokens", "false"));
		double integrityShare = Double.parseDouble(opts.getOrDefault("integrity", "0"));
		String[] integrityKinds = opts.getOrDefault("kinds", Integrity.ALL).split(",");

		AtomicLong issued = new AtomicLong();
		Counts counts = new Counts();
		Thread[] workers = new Thread[connections];
		long start = System.nanoTime();
		for (int i = 0; i < connections; i++) {
			String tokenPrefix = "c" + i + "-";
			workers[i] = new Thread(() -> {
				long sent = 0;
				Connection connection = null;
				byte[] buffer = new byte[65536];
				ThreadLocalRandom random = ThreadLocalRandom.current();
				while (issued.getAndIncrement() < total && System.nanoTime() < deadline) {
					try {
						if (connection == null) {
							connection = new Connection(host, port);
						}
						double roll = random.nextDouble();
						if (roll < upstreamResetShare) {
							// A gateway must end the client's response when its upstream resets mid-body.
							// One that ends after resetTimeoutMillis is counted as late (with the longest
							// wait), one still open after hungTimeoutMillis as hung.
							counts.upstreamResetRequests.increment();
							connection.timeout(hungTimeoutMillis);
							long begun = System.nanoTime();
							try {
								Response response = connection.get(resetPath);
								long read = response.drain(buffer, Long.MAX_VALUE, counts);
								long millis = (System.nanoTime() - begun) / 1_000_000;
								if (response.status == 200 && read == response.length) {
									counts.error("reset-route-complete");
								}
								else if (millis > resetTimeoutMillis) {
									counts.upstreamResetsLate.increment();
									counts.upstreamResetLatestMillis.accumulateAndGet(millis, Math::max);
								}
								else {
									counts.upstreamResetsSeen.increment();
								}
							}
							catch (java.net.SocketTimeoutException ex) {
								counts.upstreamResetsHung.increment();
							}
							connection.close(true);
							connection = null;
							continue;
						}
						String token = tokenPrefix + (sent++);
						if (roll >= upstreamResetShare + clientResetShare
								&& roll < upstreamResetShare + clientResetShare + integrityShare) {
							String kind = integrityKinds[random.nextInt(integrityKinds.length)];
							if (!Integrity.run(kind, connection, token, counts)) {
								connection.close(false);
								connection = null;
							}
							continue;
						}
						int pick = pick(weights, random.nextDouble());
						String path = tokens ? Integrity.withToken(paths[pick], token) : paths[pick];
						Response response = connection.get(path);
						if (roll < upstreamResetShare + clientResetShare) {
							long keep = (sizes[pick] > 1) ? random.nextLong(1, sizes[pick]) : 0;
							response.drain(buffer, Math.min(keep, sizes[pick] / 2 + 1), counts);
							connection.close(true);
							connection = null;
							counts.clientResets.increment();
							continue;
						}
						long read = response.drain(buffer, Long.MAX_VALUE, counts);
						if (tokens && !Integrity.ownResponse(response, token, counts)) {
							connection.close(false);
							connection = null;
						}
						else if (response.status != 200) {
							counts.error("status-" + response.status);
						}
						else if (read != sizes[pick]) {
							counts.error("short-body");
							connection.close(false);
							connection = null;
						}
						else {
							counts.ok.increment();
						}
						if (connection != null && response.close) {
							connection.close(false);
							connection = null;
						}
					}
					catch (IOException ex) {
						// Kept with its message and whether the connection had served a request
						// before: a keep-alive connection closed by the server is not a lost response.
						counts.error(ex.getClass().getSimpleName() + ": " + ex.getMessage()
								+ ((connection != null && connection.served > 1) ? " (reused connection)"
										: " (new connection)"));
						if (connection != null) {
							connection.close(false);
							connection = null;
						}
					}
				}
				if (connection != null) {
					connection.close(false);
				}
			}, "soak-" + i);
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
				long done = counts.ok.sum() + counts.clientResets.sum() + counts.upstreamResetRequests.sum()
						+ counts.integrity.values().stream().mapToLong(LongAdder::sum).sum() + counts.errors.sum();
				double secs = (System.nanoTime() - start) / 1e9;
				System.err.printf(Locale.ROOT, "soak: %d requests in %.0f s (%.0f/s), %d errors%n", done, secs,
						done / secs, counts.errors.sum());
			}
		});
		progress.setDaemon(true);
		progress.start();
		for (Thread worker : workers) {
			worker.join();
		}
		double secs = (System.nanoTime() - start) / 1e9;
		long done = counts.ok.sum() + counts.clientResets.sum() + counts.upstreamResetRequests.sum()
				+ counts.integrity.values().stream().mapToLong(LongAdder::sum).sum()
				+ counts.errors.sum() - counts.errorKinds.getOrDefault("reset-route-complete", new LongAdder()).sum();
		StringBuilder kinds = new StringBuilder("{");
		counts.errorKinds.forEach((kind, n) -> kinds.append(kinds.length() > 1 ? "," : "")
			.append('"').append(kind.replace("\\", "\\\\").replace("\"", "\\\"")).append("\":").append(n.sum()));
		kinds.append('}');
		StringBuilder checks = new StringBuilder("{");
		counts.integrity.forEach((kind, n) -> checks.append(checks.length() > 1 ? "," : "")
			.append('"').append(kind).append("\":").append(n.sum()));
		checks.append('}');
		System.out.printf(Locale.ROOT,
				"{\"requests\":%d,\"seconds\":%.1f,\"ok\":%d,\"clientResets\":%d,\"upstreamResetRequests\":%d,"
						+ "\"upstreamResetsSeen\":%d,\"upstreamResetsLate\":%d,\"upstreamResetLatestMillis\":%d,"
						+ "\"upstreamResetsHung\":%d,\"errors\":%d,\"errorKinds\":%s,\"bytes\":%d,\"budget\":%d,"
						+ "\"hitDeadline\":%b,\"tokensChecked\":%d,\"misdelivered\":%d,\"integrity\":%s}%n",
				done, secs, counts.ok.sum(), counts.clientResets.sum(), counts.upstreamResetRequests.sum(),
				counts.upstreamResetsSeen.sum(), counts.upstreamResetsLate.sum(), counts.upstreamResetLatestMillis.get(),
				counts.upstreamResetsHung.sum(), counts.errors.sum(), kinds, counts.bytes.sum(), total,
				done < total, counts.tokensChecked.sum(), counts.misdelivered.sum(), checks);
	}

	/** Reads {@code key=value} arguments. */
	static Map<String, String> options(String[] args) {
		Map<String, String> opts = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			opts.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		return opts;
	}

	static long[] parseLongs(String csv) {
		String[] parts = csv.split(",");
		long[] values = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			values[i] = Long.parseLong(parts[i].trim());
		}
		return values;
	}

	static double[] cumulative(String csv) {
		String[] parts = csv.split(",");
		double[] values = new double[parts.length];
		double sum = 0;
		for (int i = 0; i < parts.length; i++) {
			sum += Double.parseDouble(parts[i].trim());
			values[i] = sum;
		}
		for (int i = 0; i < values.length; i++) {
			values[i] /= sum;
		}
		return values;
	}

	static int pick(double[] cumulative, double roll) {
		for (int i = 0; i < cumulative.length; i++) {
			if (roll < cumulative[i]) {
				return i;
			}
		}
		return cumulative.length - 1;
	}

	/** One keep-alive HTTP/1.1 connection. */
	static final class Connection {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private final String host;

		int served;

		Connection(String host, int port) throws IOException {
			this.host = host + ":" + port;
			this.socket = new Socket();
			this.socket.connect(new InetSocketAddress(host, port), 5_000);
			this.socket.setSoTimeout(30_000);
			this.socket.setTcpNoDelay(true);
			this.in = new BufferedInputStream(this.socket.getInputStream(), 65536);
			this.out = this.socket.getOutputStream();
		}

		Response get(String path) throws IOException {
			return send("GET " + path + " HTTP/1.1\r\nHost: " + this.host + "\r\n\r\n");
		}

		/** Sends a request written out whole (head and any body) and reads the response's head. */
		Response send(String request) throws IOException {
			this.served++;
			this.out.write(request.getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
			return Response.read(this.in);
		}

		String host() {
			return this.host;
		}

		void timeout(int millis) throws IOException {
			this.socket.setSoTimeout(millis);
		}

		/** Closes; with {@code reset}, SO_LINGER 0 makes the close a TCP RST, as a killed client's. */
		void close(boolean reset) {
			try {
				if (reset) {
					this.socket.setSoLinger(true, 0);
				}
				this.socket.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}

	}

	/** A response head, and a body read by Content-Length, chunks, or to the end of the stream. */
	static final class Response {

		final int status;

		final long length;

		final boolean chunked;

		final boolean close;

		final String token;

		/** The first bytes of the body, as read by {@link #drain}. */
		final byte[] first = new byte[64];

		int firstLength;

		/** Whether {@link #drain} read the whole body as framed: all its length, or the last chunk. */
		boolean complete;

		private final InputStream in;

		private Response(InputStream in, int status, long length, boolean chunked, boolean close, String token) {
			this.in = in;
			this.status = status;
			this.length = length;
			this.chunked = chunked;
			this.close = close;
			this.token = token;
		}

		static Response read(InputStream in) throws IOException {
			String statusLine = line(in);
			if (statusLine == null) {
				throw new IOException("closed before status");
			}
			int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			String token = null;
			String header;
			while ((header = line(in)) != null && !header.isEmpty()) {
				int colon = header.indexOf(':');
				String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				switch (name) {
					case "content-length" -> length = Long.parseLong(value);
					case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
					case "connection" -> close = value.equalsIgnoreCase("close");
					case "x-token" -> token = value;
					default -> {
					}
				}
			}
			if (status >= 100 && status < 200 && status != 101) {
				// An informational response (100 Continue, 103 Early Hints): the final one follows.
				return read(in);
			}
			if (status == 204 || status == 304) {
				return new Response(in, status, 0, false, close, token);
			}
			return new Response(in, status, length, chunked, close || (length < 0 && !chunked), token);
		}

		/**
		 * Reads the body, or at most {@code limit} bytes of it.
		 * @return the body bytes read; fewer than announced when the stream ended early
		 */
		long drain(byte[] buffer, long limit, Counts counts) throws IOException {
			long read = 0;
			if (this.chunked) {
				while (read < limit) {
					String size = line(this.in);
					if (size == null) {
						break;
					}
					int semi = size.indexOf(';');
					long chunk = Long.parseLong((semi < 0) ? size.trim() : size.substring(0, semi).trim(), 16);
					if (chunk == 0) {
						while (true) {
							String trailer = line(this.in);
							if (trailer == null || trailer.isEmpty()) {
								this.complete = trailer != null;
								break;
							}
						}
						break;
					}
					long got = skip(buffer, Math.min(chunk, limit - read));
					read += got;
					if (got < chunk) {
						break;
					}
					line(this.in);
				}
			}
			else {
				long want = (this.length < 0) ? limit : Math.min(this.length, limit);
				read = skip(buffer, want);
				this.complete = this.length >= 0 && read == this.length;
			}
			counts.bytes.add(read);
			return read;
		}

		private long skip(byte[] buffer, long want) throws IOException {
			long read = 0;
			while (read < want) {
				int n;
				try {
					n = this.in.read(buffer, 0, (int) Math.min(buffer.length, want - read));
				}
				catch (java.net.SocketTimeoutException ex) {
					throw ex;
				}
				catch (java.net.SocketException ex) {
					return read;
				}
				if (n < 0) {
					break;
				}
				if (this.firstLength < this.first.length) {
					int copied = Math.min(n, this.first.length - this.firstLength);
					System.arraycopy(buffer, 0, this.first, this.firstLength, copied);
					this.firstLength += copied;
				}
				read += n;
			}
			return read;
		}

		/** Reads one line without its CRLF or LF; {@code null} at the end of the stream. */
		static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder(64);
			int b;
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					int end = line.length();
					if (end > 0 && line.charAt(end - 1) == '\r') {
						line.setLength(end - 1);
					}
					return line.toString();
				}
				line.append((char) b);
			}
			return (line.length() == 0) ? null : line.toString();
		}

	}

}
