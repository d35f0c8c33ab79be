package dev.sluice.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An upstream on a plain server socket, for what a well-behaved HTTP server never does: a body
 * shorter than its {@code Content-Length}, a chunked body without its last chunk, a close before
 * the status line. It also records, byte for byte, the requests sent to {@code /record/KEY}, and
 * whether each one was properly terminated. Shared by every test in the JVM; one request per
 * connection.
 * <ul>
 * <li>{@code /short?declared=D&sent=S}: {@code Content-Length: D}, then S bytes, then a close;</li>
 * <li>{@code /chunked-cut?sent=S}: chunked, one chunk of S bytes, then a close without the last
 * chunk;</li>
 * <li>{@code /no-head}: a close without a byte of response;</li>
 * <li>{@code /partial-head}: half a status line and header, then a close;</li>
 * <li>{@code /record/KEY}: reads the request body (chunked or sized) and answers {@code 200 ok}
 * only if the request was complete.</li>
 * </ul>
 */
public final class RawUpstream {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private static final RawUpstream INSTANCE = new RawUpstream();

	private final ServerSocket serverSocket;

	private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

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
			// "/no-head" and anything else: closed without an answer.
			out.flush();
		}
		catch (IOException ex) {
			// The gateway went away; what matters was recorded.
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
