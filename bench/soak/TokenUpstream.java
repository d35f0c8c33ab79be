import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A keep-alive HTTP/1.1 upstream for the paranoid soak that echoes each request's {@code token}
 * query parameter in an {@code X-Token} header and at the start of the body, so a client can tell
 * whether the response it got is its own, and that answers some paths the awkward ways upstreams
 * really do:
 * <ul>
 * <li>{@code /echo?token=T&size=N}: a plain 200 with an N-byte body;</li>
 * <li>{@code /hints}: {@code 103 Early Hints} first, then the 200;</li>
 * <li>{@code /continue}: an unasked-for {@code 100 Continue} before reading the body, then the 200;</li>
 * <li>{@code /nocontent}: a 204 followed by five stray bytes, on a connection it keeps open;</li>
 * <li>{@code /trailing}: the 200 followed by a whole unsolicited response with the token {@code stray};</li>
 * <li>{@code /short}: announces 1000 bytes, sends 100 and closes;</li>
 * <li>{@code /unterminated}: one chunk of a chunked body, then closes without the last chunk;</li>
 * <li>{@code /close}: the 200 with {@code Connection: close}, then closes.</li>
 * </ul>
 * A request whose body carries {@code MALFORMED} is the soak's broken chunked upload: the gateway
 * must abort it, so receiving one complete is counted as a violation. {@code GET /stats}, asked
 * directly rather than through the gateway, answers the counts as JSON. Loopback only. JDK only,
 * compiled with the other classes of {@code bench/soak}: {@code java -cp classes TokenUpstream PORT}.
 */
public final class TokenUpstream {

	private static final byte[] FILLER = new byte[16384];

	private static final LongAdder requests = new LongAdder();

	private static final LongAdder malformedDelivered = new LongAdder();

	private static final LongAdder bodiesAborted = new LongAdder();

	static {
		java.util.Arrays.fill(FILLER, (byte) 'x');
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		ExecutorService workers = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "token-upstream");
			thread.setDaemon(true);
			return thread;
		});
		try (ServerSocket server = new ServerSocket(port, 256, InetAddress.getLoopbackAddress())) {
			System.out.println("token upstream on " + server.getLocalSocketAddress());
			while (true) {
				Socket socket = server.accept();
				workers.execute(() -> serve(socket));
			}
		}
	}

	private static void serve(Socket socket) {
		try (socket) {
			socket.setSoTimeout(60_000);
			socket.setTcpNoDelay(true);
			InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
			OutputStream out = socket.getOutputStream();
			while (true) {
				Request request = Request.read(in);
				if (request == null) {
					return;
				}
				if (!answer(request, in, out)) {
					return;
				}
			}
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			// The peer went away, or sent what this upstream does not parse: the connection ends.
		}
	}

	/** Answers one request; returns whether the connection stays open for the next one. */
	private static boolean answer(Request request, InputStream in, OutputStream out)
			throws IOException, InterruptedException {
		if (request.path.equals("/stats")) {
			readBody(request, in);
			String json = String.format(Locale.ROOT, "{\"requests\":%d,\"malformedDelivered\":%d,\"bodiesAborted\":%d}",
					requests.sum(), malformedDelivered.sum(), bodiesAborted.sum());
			write(out, "200 OK", "application/json", json.getBytes(StandardCharsets.US_ASCII), "");
			return true;
		}
		requests.increment();
		String token = request.query.getOrDefault("token", "none");
		int size = Integer.parseInt(request.query.getOrDefault("size", "64"));
		switch (request.path) {
			case "/hints" -> {
				out.write("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				Thread.sleep(1);
			}
			case "/continue" -> {
				out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			default -> {
			}
		}
		byte[] body = readBody(request, in);
		if (body == null) {
			bodiesAborted.increment();
			return false;
		}
		if (new String(body, StandardCharsets.ISO_8859_1).contains("MALFORMED")) {
			malformedDelivered.increment();
		}
		String tokenHeader = "X-Token: " + token + "\r\nX-Body-Length: " + body.length + "\r\n";
		switch (request.path) {
			case "/nocontent" -> {
				out.write(("HTTP/1.1 204 No Content\r\n" + tokenHeader + "\r\noops!").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				return true;
			}
			case "/trailing" -> {
				writeEcho(out, token, size, tokenHeader, "");
				out.write("HTTP/1.1 200 OK\r\nX-Token: stray\r\nContent-Length: 5\r\n\r\nstray"
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				return true;
			}
			case "/short" -> {
				out.write(("HTTP/1.1 200 OK\r\n" + tokenHeader + "Content-Length: 1000\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				writeTokenBody(out, token, 100);
				out.flush();
				return false;
			}
			case "/unterminated" -> {
				out.write(("HTTP/1.1 200 OK\r\n" + tokenHeader + "Transfer-Encoding: chunked\r\n\r\n64\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				writeTokenBody(out, token, 100);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				return false;
			}
			case "/close" -> {
				writeEcho(out, token, size, tokenHeader, "Connection: close\r\n");
				return false;
			}
			default -> {
				writeEcho(out, token, size, tokenHeader, "");
				return true;
			}
		}
	}

	private static void writeEcho(OutputStream out, String token, int size, String tokenHeader, String extra)
			throws IOException {
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n" + tokenHeader + extra
				+ "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		writeTokenBody(out, token, size);
		out.flush();
	}

	/** The token, then filler, {@code size} bytes in all. */
	private static void writeTokenBody(OutputStream out, String token, int size) throws IOException {
		byte[] head = token.getBytes(StandardCharsets.US_ASCII);
		int first = Math.min(head.length, size);
		out.write(head, 0, first);
		for (int left = size - first; left > 0; left -= FILLER.length) {
			out.write(FILLER, 0, Math.min(left, FILLER.length));
		}
	}

	private static void write(OutputStream out, String status, String type, byte[] body, String extra)
			throws IOException {
		out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
				+ "\r\n" + extra + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
	}

	/** Reads the request body whole; {@code null} when it ended before it was complete or is malformed. */
	private static byte[] readBody(Request request, InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (request.chunked) {
			while (true) {
				String sizeLine = line(in);
				if (sizeLine == null) {
					return null;
				}
				int semi = sizeLine.indexOf(';');
				int chunk;
				try {
					chunk = Integer.parseInt((semi < 0) ? sizeLine.trim() : sizeLine.substring(0, semi).trim(), 16);
				}
				catch (NumberFormatException ex) {
					return null;
				}
				if (chunk == 0) {
					String trailer;
					do {
						trailer = line(in);
					}
					while (trailer != null && !trailer.isEmpty());
					return (trailer != null) ? body.toByteArray() : null;
				}
				if (!copy(in, body, chunk) || line(in) == null) {
					return null;
				}
			}
		}
		return copy(in, body, request.length) ? body.toByteArray() : null;
	}

	private static boolean copy(InputStream in, ByteArrayOutputStream to, long length) throws IOException {
		byte[] buffer = new byte[8192];
		long left = length;
		while (left > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				return false;
			}
			to.write(buffer, 0, n);
			left -= n;
		}
		return true;
	}

	private static String line(InputStream in) throws IOException {
		return SoakDriver.Response.line(in);
	}

	/** A request head: path, query parameters and how its body is framed. */
	private record Request(String path, Map<String, String> query, long length, boolean chunked) {

		static Request read(InputStream in) throws IOException {
			String requestLine = line(in);
			if (requestLine == null || requestLine.isEmpty()) {
				return null;
			}
			String target = requestLine.split(" ", 3)[1];
			int question = target.indexOf('?');
			String path = (question < 0) ? target : target.substring(0, question);
			Map<String, String> query = new HashMap<>();
			if (question >= 0) {
				for (String pair : target.substring(question + 1).split("&")) {
					int eq = pair.indexOf('=');
					if (eq > 0) {
						query.put(pair.substring(0, eq), pair.substring(eq + 1));
					}
				}
			}
			long length = 0;
			boolean chunked = false;
			String header;
			while ((header = line(in)) != null && !header.isEmpty()) {
				int colon = header.indexOf(':');
				String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				if (name.equals("content-length")) {
					length = Long.parseLong(value);
				}
				else if (name.equals("transfer-encoding")) {
					chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				}
			}
			if (header == null) {
				return null;
			}
			return new Request(path, query, length, chunked);
		}

	}

}
