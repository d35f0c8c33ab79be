package dev.sluice.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An upstream on a plain server socket, for what a well-behaved HTTP server never does: a body
 * shorter than its {@code Content-Length}, a chunked body without its last chunk, a close before
 * the status line. It also records, byte for byte, the requests sent to {@code /record/KEY}, and
 * whether each one was properly terminated. Shared by every test in the JVM; one request per
 * connection, except for {@code /raw/}.
 * <ul>
 * <li>{@code /short?declared=D&sent=S}: {@code Content-Length: D}, then S bytes, then a close;</li>
 * <li>{@code /chunked-cut?sent=S}: chunked, one chunk of S bytes, then a close without the last
 * chunk;</li>
 * <li>{@code /no-head}: a close without a byte of response;</li>
 * <li>{@code /partial-head}: half a status line and header, then a close;</li>
 * <li>{@code /status/CODE}: a status line with that code, whatever it is ({@code 600}, {@code 099}),
 * a two-byte body and a close;</li>
 * <li>{@code /record/KEY}: reads the request body (chunked or sized) and answers {@code 200 ok}
 * only if the request was complete.</li>
 * </ul>
 * Requests to {@code /raw/{answer}} keep their connection open for the next request, for what an
 * upstream may do between the responses on one connection: informational responses before the
 * final one, a body where none may be, bytes after a complete response, a response nobody asked
 * for. Each carries a {@code token} in its query; every final answer echoes it in an
 * {@code X-Token} header and, where it has a body, as the body, so a client can tell whether the
 * response it got is the one its own request produced. The answers:
 * <ul>
 * <li>{@code token}: 200 with {@code Content-Length} ({@code chunked} in the query: chunked);</li>
 * <li>{@code interim}: the informational responses listed in {@code codes} (default 103), each
 * flushed on its own, then, after {@code delayMs} or, with {@code hold}, once the test calls
 * {@link #release(String)}, a 200;</li>
 * <li>{@code continue}: {@code 100 Continue} before the request body is read, then a 200;</li>
 * <li>{@code close}: a 200 with {@code Connection: close}, then the connection is closed;</li>
 * <li>{@code eof}: a 200 whose body ends with the connection;</li>
 * <li>{@code no-content}: a 204 followed by a body, with {@code Content-Length} unless
 * {@code framing=none}; with {@code framing=empty}, a well-formed 204;</li>
 * <li>{@code not-modified}: a 304 followed by a chunked body; with {@code framing=empty}, a
 * well-formed 304 that gives the length of the representation it stands for;</li>
 * <li>{@code trailing}: a 200 and, in the same write, bytes that belong to no response; with
 * {@code split}, the head is written in two parts, the first ending inside a header line;</li>
 * <li>{@code switch}: a {@code 101 Switching Protocols} nobody asked for, then bytes that are not
 * HTTP;</li>
 * <li>{@code then-stray}: a 200 and, once the test calls {@link #release(String)}, a whole second
 * response that no request asked for.</li>
 * </ul>
 * The last five leave the connection unusable (unless {@code framing=empty}); a request that still
 * arrives on it is recorded as a {@linkplain #reuseViolations() violation}.
 */
public final class RawUpstream {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private static final RawUpstream INSTANCE = new RawUpstream();

	private final ServerSocket serverSocket;

	private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> interimSent = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> closedAfter = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> connectionOf = new ConcurrentHashMap<>();

	private final List<String> reuseViolations = new CopyOnWriteArrayList<>();

	private RawUpstream() {
		try {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Thread acceptor = new Thread(this::accept, "raw-upstream-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static RawUpstream get() {
		return INSTANCE;
	}

	public String uri() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	/**
	 * Returns what the upstream received for a {@code /record/KEY} request, created on first use
	 * by either the test or the request.
	 * @param key the key
	 * @return the recording
	 */
	public Recording recording(String key) {
		return this.recordings.computeIfAbsent(key, (k) -> new Recording());
	}

	/**
	 * Returns whether a {@code /record/KEY} request has arrived, without creating its recording.
	 * @param key the key
	 * @return whether the upstream received it
	 */
	public boolean received(String key) {
		return this.recordings.containsKey(key);
	}

	/**
	 * Lets a held {@code /raw/} answer for a token go on.
	 * @param token the token
	 */
	public void release(String token) {
		latch(this.released, token).countDown();
	}

	/**
	 * Waits until the informational responses for a token have been written.
	 * @param token the token
	 * @param timeout how long to wait
	 * @return whether they were written in time
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitInterimSent(String token, Duration timeout) throws InterruptedException {
		return latch(this.interimSent, token).await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Waits until the connection that carried the answer for a token has been closed by the
	 * gateway.
	 * @param token the token
	 * @param timeout how long to wait
	 * @return whether it was closed in time
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitClosedAfter(String token, Duration timeout) throws InterruptedException {
		return latch(this.closedAfter, token).await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns whether the connection that carried the answer for a token is still open.
	 * @param token the token
	 * @return whether the gateway has not closed it
	 */
	public boolean isOpenAfter(String token) {
		CountDownLatch closed = this.connectionOf.get(token);
		if (closed == null) {
			throw new IllegalArgumentException("No request with token " + token);
		}
		return closed.getCount() > 0;
	}

	/**
	 * Returns the {@code /raw/} requests that arrived on a connection after an answer that made it
	 * unusable.
	 * @return a description of each
	 */
	public List<String> reuseViolations() {
		return List.copyOf(this.reuseViolations);
	}

	private static CountDownLatch latch(Map<String, CountDownLatch> latches, String token) {
		return latches.computeIfAbsent(token, (key) -> new CountDownLatch(1));
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				Thread handler = new Thread(() -> handle(socket), "raw-upstream-" + socket.getPort());
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				// The socket stays open for the life of the JVM; an accept failure is transient.
			}
		}
	}

	private void handle(Socket socket) {
		try (socket) {
			socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			RecordingInput in = new RecordingInput(socket.getInputStream());
			String head = readHead(in);
			if (head == null) {
				return;
			}
			String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
			OutputStream out = socket.getOutputStream();
			if (target.startsWith("/raw/")) {
				// Kept alive: an idle pooled connection must not time out under a test.
				socket.setSoTimeout(0);
				serveKeptAlive(head, in, out);
				return;
			}
			if (target.startsWith("/record/")) {
				record(target.substring("/record/".length()), head, in, out);
			}
			else if (target.startsWith("/short")) {
				int sent = param(target, "sent");
				out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + param(target, "declared") + "\r\n\r\n"));
				out.write(body(sent));
			}
			else if (target.startsWith("/chunked-cut")) {
				int sent = param(target, "sent");
				out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(sent)
						+ "\r\n"));
				out.write(body(sent));
				out.write(ascii("\r\n"));
			}
			else if (target.startsWith("/partial-head")) {
				out.write(ascii("HTTP/1.1 200 OK\r\nContent-Le"));
			}
			else if (target.startsWith("/status/")) {
				out.write(ascii("HTTP/1.1 " + target.substring("/status/".length()) + " X\r\nContent-Length: 2\r\n"
						+ "Connection: close\r\n\r\nok"));
			}
			// "/no-head" and anything else: closed without an answer.
			out.flush();
		}
		catch (IOException ex) {
			// The gateway went away; what matters was recorded.
		}
	}

	private void serveKeptAlive(String firstHead, InputStream in, OutputStream out) throws IOException {
		String lastToken = null;
		String unusableAfter = null;
		CountDownLatch closed = new CountDownLatch(1);
		try {
			for (String head = firstHead; head != null; head = readHead(in)) {
				KeptAliveRequest request = KeptAliveRequest.parse(head);
				if (unusableAfter != null) {
					this.reuseViolations.add(request.token() + " arrived on the connection that answered "
							+ unusableAfter);
				}
				lastToken = request.token();
				this.connectionOf.put(lastToken, closed);
				if (!answer(request, in, out)) {
					return;
				}
				if (request.leavesConnectionUnusable()) {
					unusableAfter = request.token();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closed.countDown();
			if (lastToken != null) {
				latch(this.closedAfter, lastToken).countDown();
			}
		}
	}

	/**
	 * Writes the answer a {@code /raw/} request asks for.
	 * @return whether the connection stays open
	 */
	private boolean answer(KeptAliveRequest request, InputStream in, OutputStream out)
			throws IOException, InterruptedException {
		String token = request.token();
		switch (request.answer()) {
			case "continue" -> {
				write(out, "HTTP/1.1 100 Continue\r\n\r\n");
				readBody(request, in);
				write(out, ok(token, ""));
			}
			case "interim" -> {
				readBody(request, in);
				for (String code : request.param("codes", "103").split("-")) {
					write(out, interim(Integer.parseInt(code)));
				}
				latch(this.interimSent, token).countDown();
				if (request.params().containsKey("hold")) {
					latch(this.released, token).await(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
				else {
					Thread.sleep(Long.parseLong(request.param("delayMs", "0")));
				}
				write(out, ok(token, ""));
			}
			case "close" -> {
				readBody(request, in);
				write(out, ok(token, "Connection: close\r\n"));
				return false;
			}
			case "eof" -> {
				readBody(request, in);
				write(out, "HTTP/1.1 200 OK\r\nX-Token: " + token + "\r\n\r\n" + token);
				return false;
			}
			case "no-content" -> {
				readBody(request, in);
				String framing = request.param("framing", "length");
				String body = "empty".equals(framing) ? "" : "body-of-" + token;
				String length = "length".equals(framing) ? "Content-Length: " + body.length() + "\r\n" : "";
				write(out, "HTTP/1.1 204 No Content\r\nX-Token: " + token + "\r\n" + length + "\r\n" + body);
			}
			case "not-modified" -> {
				readBody(request, in);
				if ("empty".equals(request.param("framing", "chunked"))) {
					write(out, "HTTP/1.1 304 Not Modified\r\nX-Token: " + token + "\r\nContent-Length: 42\r\n\r\n");
				}
				else {
					write(out, "HTTP/1.1 304 Not Modified\r\nX-Token: " + token
							+ "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked("body-of-" + token));
				}
			}
			case "trailing" -> {
				readBody(request, in);
				String response = ok(token, "") + "bytes-after-" + token;
				if (request.params().containsKey("split")) {
					// Apart long enough to arrive in two reads, the first ending inside a header line.
					int inHeader = response.indexOf("X-Token:") + 4;
					write(out, response.substring(0, inHeader));
					Thread.sleep(50);
					response = response.substring(inHeader);
				}
				write(out, response);
			}
			case "switch" -> {
				readBody(request, in);
				write(out, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nX-Token: "
						+ token + "\r\n\r\nnot-http-from-" + token);
			}
			case "then-stray" -> {
				readBody(request, in);
				write(out, ok(token, ""));
				latch(this.released, token).await(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				write(out, ok("stray-after-" + token, ""));
			}
			default -> {
				readBody(request, in);
				if (request.params().containsKey("chunked")) {
					write(out, "HTTP/1.1 200 OK\r\nX-Token: " + token + "\r\nTransfer-Encoding: chunked\r\n\r\n"
							+ chunked(token));
				}
				else {
					write(out, ok(token, ""));
				}
			}
		}
		return true;
	}

	private static String ok(String token, String extraHeaders) {
		return "HTTP/1.1 200 OK\r\nX-Token: " + token + "\r\nContent-Type: text/plain\r\n" + extraHeaders
				+ "Content-Length: " + token.length() + "\r\n\r\n" + token;
	}

	private static String interim(int code) {
		return switch (code) {
			case 100 -> "HTTP/1.1 100 Continue\r\n\r\n";
			case 102 -> "HTTP/1.1 102 Processing\r\n\r\n";
			case 103 -> "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n";
			default -> "HTTP/1.1 " + code + " Informational\r\n\r\n";
		};
	}

	private static String chunked(String body) {
		return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(ascii(text));
		out.flush();
	}

	private static void readBody(KeptAliveRequest request, InputStream in) throws IOException {
		if (request.consumed) {
			return;
		}
		request.consumed = true;
		// Read through a recording nobody keeps: these bodies only have to be consumed.
		boolean complete = request.chunked() ? readChunked(in, new Recording())
				: readSized(in, new Recording(), request.contentLength());
		if (!complete) {
			throw new IOException("Connection closed inside a request body");
		}
	}

	private void record(String key, String head, RecordingInput in, OutputStream out) throws IOException {
		Recording recording = recording(key);
		in.startBody();
		String ending;
		try {
			boolean complete = head.toLowerCase().contains("transfer-encoding: chunked") ? readChunked(in, recording)
					: readSized(in, recording, contentLength(head));
			ending = complete ? "terminated" : "closed";
		}
		catch (SocketTimeoutException ex) {
			ending = "timed out";
		}
		catch (IOException ex) {
			ending = "reset";
		}
		finally {
			recording.raw = in.body();
		}
		recording.ending.complete(ending);
		if (ending.equals("terminated")) {
			out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
		}
	}

	/**
	 * Reads a chunked body.
	 * @return whether it ended with its last chunk; {@code false} if the connection closed first
	 */
	private static boolean readChunked(InputStream in, Recording recording) throws IOException {
		for (;;) {
			String sizeLine = readLine(in);
			if (sizeLine == null) {
				return false;
			}
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt((semicolon >= 0) ? sizeLine.substring(0, semicolon) : sizeLine, 16);
			if (size == 0) {
				for (String trailer = readLine(in); trailer != null; trailer = readLine(in)) {
					if (trailer.isEmpty()) {
						return true;
					}
				}
				return false;
			}
			byte[] data = in.readNBytes(size);
			recording.decoded.write(data, 0, data.length);
			if (data.length < size || readLine(in) == null) {
				return false;
			}
		}
	}

	private static boolean readSized(InputStream in, Recording recording, int length) throws IOException {
		byte[] data = in.readNBytes(length);
		recording.decoded.write(data, 0, data.length);
		return data.length == length;
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		for (String line = readLine(in); line != null; line = readLine(in)) {
			if (line.isEmpty()) {
				return head.toString();
			}
			head.append(line).append("\r\n");
		}
		return null;
	}

	/** Reads a line ended by CRLF; {@code null} at the end of the stream. */
	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		for (int b = in.read(); b >= 0; b = in.read()) {
			if (previous == '\r' && b == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
			previous = b;
		}
		return null;
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase().startsWith("content-length:")) {
				return Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		return 0;
	}

	private static int param(String target, String name) {
		for (String pair : target.substring(target.indexOf('?') + 1).split("&")) {
			if (pair.startsWith(name + "=")) {
				return Integer.parseInt(pair.substring(name.length() + 1));
			}
		}
		throw new IllegalArgumentException("No " + name + " in " + target);
	}

	private static byte[] body(int size) {
		byte[] body = new byte[size];
		Arrays.fill(body, (byte) 'x');
		return body;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * A {@code /raw/} request: the answer it asks for, its query and its headers.
	 */
	private static final class KeptAliveRequest {

		private final String answer;

		private final Map<String, String> params;

		private final Map<String, String> headers;

		private boolean consumed;

		private KeptAliveRequest(String answer, Map<String, String> params, Map<String, String> headers) {
			this.answer = answer;
			this.params = params;
			this.headers = headers;
		}

		static KeptAliveRequest parse(String head) {
			String[] lines = head.split("\r\n");
			String target = lines[0].split(" ")[1];
			int query = target.indexOf('?');
			String path = (query < 0) ? target : target.substring(0, query);
			Map<String, String> params = new HashMap<>();
			if (query >= 0) {
				for (String pair : target.substring(query + 1).split("&")) {
					int eq = pair.indexOf('=');
					params.put((eq < 0) ? pair : pair.substring(0, eq),
							(eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
			Map<String, String> headers = new HashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
							lines[i].substring(colon + 1).strip());
				}
			}
			return new KeptAliveRequest(path.substring(path.lastIndexOf('/') + 1), params, headers);
		}

		String answer() {
			return this.answer;
		}

		Map<String, String> params() {
			return this.params;
		}

		String param(String name, String defaultValue) {
			return this.params.getOrDefault(name, defaultValue);
		}

		String token() {
			return param("token", "none");
		}

		boolean chunked() {
			return this.headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
		}

		int contentLength() {
			return Integer.parseInt(this.headers.getOrDefault("content-length", "0"));
		}

		boolean leavesConnectionUnusable() {
			return switch (this.answer) {
				case "no-content", "not-modified" -> !"empty".equals(param("framing", ""));
				case "trailing", "then-stray", "switch" -> true;
				default -> false;
			};
		}

	}

	/**
	 * What one {@code /record/KEY} request brought: the body's bytes as they arrived on the wire,
	 * the body decoded so far, and how the request ended.
	 */
	public static final class Recording {

		private final ByteArrayOutputStream decoded = new ByteArrayOutputStream();

		private final CompletableFuture<String> ending = new CompletableFuture<>();

		private volatile byte[] raw = new byte[0];

		/**
		 * Returns the body decoded so far.
		 * @return the body as text
		 */
		public String decoded() {
			return this.decoded.toString(StandardCharsets.ISO_8859_1);
		}

		/**
		 * Waits for the request to end and returns how: {@code terminated} (complete, with its
		 * last chunk or all its declared bytes), {@code closed}, {@code reset} or
		 * {@code timed out}.
		 * @param timeout how long to wait
		 * @return the ending
		 * @throws Exception if none came in time
		 */
		public String ending(Duration timeout) throws Exception {
			return this.ending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		/**
		 * Returns the body's bytes exactly as received, once the request has ended.
		 * @return the raw body as text
		 */
		public String raw() {
			return new String(this.raw, StandardCharsets.ISO_8859_1);
		}

	}

	/** An input stream that keeps a copy of the bytes read after {@link #startBody()}. */
	private static final class RecordingInput extends InputStream {

		private final InputStream delegate;

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private boolean recording;

		RecordingInput(InputStream delegate) {
			this.delegate = delegate;
		}

		void startBody() {
			this.recording = true;
		}

		byte[] body() {
			return this.body.toByteArray();
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0 && this.recording) {
				this.body.write(b);
			}
			return b;
		}

	}

}
