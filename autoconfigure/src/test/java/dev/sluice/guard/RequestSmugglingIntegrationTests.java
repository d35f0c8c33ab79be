package dev.sluice.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawUpstream;
import dev.sluice.test.ServerKind;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request smuggling and desync attempts, written byte for byte on one connection each, on both
 * servers: conflicting {@code Content-Length} and {@code Transfer-Encoding}, obfuscated
 * {@code Transfer-Encoding}, duplicate and malformed {@code Content-Length}, malformed chunk sizes,
 * bare LF, obs-fold, control characters, header names with spaces, over-long request lines and
 * header blocks, absolute-form targets. Each hides a second request, {@code /record/KEY-smuggled},
 * where one reading of the framing would find it. The suite asserts that this request never reaches
 * the upstream; that the client gets a 4xx (or Tomcat's 501 for an unknown transfer coding) or a
 * closed connection, unless the gateway read the request one unambiguous way and the upstream got
 * exactly that request, complete; that each attempt costs at most one log line; and, through the
 * extension, that no buffer is left outstanding.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=record",
		"sluice.routes[0].uri=${raw-upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/record/**" })
@ExtendWith(OutputCaptureExtension.class)
class RequestSmugglingIntegrationTests {

	// Long enough for a loaded machine: every case that passes ends with a close well before it.
	private static final Duration QUIET = Duration.ofSeconds(5);

	private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

	@ProxyTest
	void neverLetsASecondRequestThroughAndAnswersAmbiguousFramingWith4xxOrAClose(Gateway gateway, ServerKind server,
			CapturedOutput output) throws IOException {
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, String[]> attack : attacks().entrySet()) {
			int logged = output.getOut().length();
			String key = server.name().toLowerCase() + "-" + attack.getKey() + "-" + System.nanoTime();
			String smuggled = "GET /record/" + key + "-smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
			String request = attack.getValue()[0].replace("KEY", key).replace("SMUGGLED", smuggled)
				.replace("CLEN", Integer.toString(5 + smuggled.length()))
				.replace("LEN", Integer.toString(smuggled.length()))
				.replace("HEX", Integer.toHexString(smuggled.length()));
			Outcome outcome = send(gateway.port(), request);
			String verdict = attack.getValue()[1];
			if (RawUpstream.get().received(key + "-smuggled")) {
				failures.add(attack.getKey() + ": the smuggled request reached the upstream (" + outcome + ")");
				continue;
			}
			List<Integer> statuses = outcome.statuses();
			// 501: Tomcat's answer to a transfer coding it does not implement.
			boolean refused = !statuses.isEmpty() && ((statuses.get(0) >= 400 && statuses.get(0) < 500) || statuses.get(0) == 501);
			boolean closedUnanswered = statuses.isEmpty() && outcome.closed();
			boolean answered = statuses.size() == 1 && statuses.get(0) == 200 && outcome.closed()
					&& RawUpstream.get().received(key);
			boolean ok = switch (verdict) {
				case "refuse" -> refused || closedUnanswered;
				// Read one way, in full, and the connection closed behind it (RFC 9112 6.3).
				case "refuse-or-close" -> refused || closedUnanswered || answered;
				case "not-split" -> true;
				// Unambiguous once read one way: a single request, complete at the upstream.
				case "one-request" -> refused || closedUnanswered || (statuses.equals(List.of(200))
						&& RawUpstream.get().received(key) && ending(key).equals("terminated"));
				default -> throw new IllegalStateException(verdict);
			};
			if (!ok) {
				failures.add(attack.getKey() + ": expected " + verdict + ", got " + outcome);
			}
			List<String> lines = output.getOut().substring(logged).lines().toList();
			// Known gap: when Reactor Netty finds a malformed chunk after it has handed the request
			// on (as it does when the body arrives after the head), it logs the failure at ERROR
			// with its stack trace (ServerTransport, onUncaughtException), and no setting of the
			// server or the handler avoids it. Whether it does depends on timing, so it is not counted.
			boolean malformedBodyOnNetty = server == ServerKind.REACTOR_NETTY
					&& (attack.getKey().startsWith("chunk-") || attack.getKey().equals("bare-lf-in-chunk-size"));
			if (lines.size() > 1 && !malformedBodyOnNetty) {
				failures.add(attack.getKey() + ": logged " + lines.size() + " lines, from " + lines.get(0));
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * The attacks: name, request (KEY, SMUGGLED, LEN and HEX are filled in) and what is expected:
	 * {@code refuse} (a 4xx or a close without an answer), {@code refuse-or-close} (also a single
	 * complete answer after which the connection is closed) or {@code one-request} (also a single
	 * answer to a request the upstream received complete); {@code not-split} checks only that the
	 * hidden request never arrives.
	 */
	private static Map<String, String[]> attacks() {
		Map<String, String[]> attacks = new LinkedHashMap<>();
		String post = "POST /record/KEY HTTP/1.1\r\nHost: 127.0.0.1\r\n";
		String chunkedThenSmuggled = "0\r\n\r\nSMUGGLED";
		// CL.TE: Content-Length covers the smuggled request, chunked ends before it.
		attacks.put("cl-te", new String[] { post + "Content-Length: CLEN\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ chunkedThenSmuggled, "refuse-or-close" });
		// TE.CL: the chunk holds the smuggled request, Content-Length ends before it.
		attacks.put("te-cl", new String[] { post + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\nHEX\r\nSMUGGLED\r\n0\r\n\r\n",
				"refuse-or-close" });
		for (Map.Entry<String, String> te : Map.of("te-space-before-colon", "Transfer-Encoding : chunked",
				"te-xchunked", "Transfer-Encoding: xchunked", "te-chunked-x", "Transfer-Encoding: chunked\r\nTransfer-Encoding: x",
				"te-tab", "Transfer-Encoding:\tchunked", "te-identity-chunked", "Transfer-Encoding: identity, chunked",
				"te-chunked-identity", "Transfer-Encoding: chunked, identity", "te-uppercase", "Transfer-Encoding: CHUNKED", "te-quoted", "Transfer-Encoding: \"chunked\"",
				"te-vertical-tab", "Transfer-Encoding:\u000bchunked").entrySet()) {
			attacks.put(te.getKey(), new String[] { post + te.getValue() + "\r\nContent-Length: CLEN\r\n\r\n"
					+ chunkedThenSmuggled, "refuse-or-close" });
		}
		// Reactor Netty unfolds the line into X-A's value (RFC 9112 5.2), Tomcat refuses it.
		attacks.put("te-obs-fold", new String[] { post + "X-A: 1\r\n Transfer-Encoding: chunked\r\nContent-Length: CLEN\r\n\r\n"
				+ chunkedThenSmuggled, "one-request" });
		attacks.put("cl-duplicate", new String[] { post + "Content-Length: 5\r\nContent-Length: CLEN\r\n\r\n" + chunkedThenSmuggled, "refuse" });
		attacks.put("cl-list", new String[] { post + "Content-Length: 5, CLEN\r\n\r\n" + chunkedThenSmuggled, "refuse" });
		attacks.put("cl-plus", new String[] { post + "Content-Length: +5\r\n\r\n" + chunkedThenSmuggled, "refuse" });
		attacks.put("cl-negative", new String[] { post + "Content-Length: -1\r\n\r\n" + chunkedThenSmuggled, "refuse" });
		attacks.put("cl-hex", new String[] { post + "Content-Length: 0x5\r\n\r\n" + chunkedThenSmuggled, "refuse" });
		attacks.put("cl-overflow", new String[] { post + "Content-Length: 18446744073709551621\r\n\r\n" + chunkedThenSmuggled, "refuse" });
		String chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
		attacks.put("chunk-size-overflow", new String[] { chunked + "10000000000000005\r\nabcde\r\n0\r\n\r\nSMUGGLED", "refuse" });
		attacks.put("chunk-size-not-hex", new String[] { chunked + "zz\r\nabcde\r\n0\r\n\r\nSMUGGLED", "refuse" });
		attacks.put("chunk-size-0x", new String[] { chunked + "0x5\r\nabcde\r\n0\r\n\r\nSMUGGLED", "refuse" });
		attacks.put("chunk-size-negative", new String[] { chunked + "-5\r\nabcde\r\n0\r\n\r\nSMUGGLED", "refuse" });
		// Read leniently by one server or the other, depending on when the bytes arrive: only the
		// hidden request is checked.
		attacks.put("chunk-data-longer-than-size", new String[] { chunked + "3\r\nabcde\r\n0\r\n\r\nSMUGGLED", "not-split" });
		attacks.put("bare-lf-in-chunk-size", new String[] { chunked + "5\nabcde\r\n0\r\n\r\nSMUGGLED", "refuse-or-close" });
		attacks.put("bare-cr-in-header", new String[] { post + "X-A: 1\rTransfer-Encoding: chunked\r\nContent-Length: CLEN\r\n\r\n"
				+ chunkedThenSmuggled, "refuse" });
		attacks.put("nul-in-header", new String[] { post + "X-A: 1\u0000\r\nContent-Length: 0\r\n\r\nSMUGGLED", "refuse" });
		attacks.put("header-name-with-space", new String[] { post + "Content Length: 5\r\nContent-Length: CLEN\r\n\r\n" + chunkedThenSmuggled,
				"refuse" });
		attacks.put("obs-fold-content-length", new String[] { post + "Content-Length: 5\r\n CLEN\r\n\r\n" + chunkedThenSmuggled, "refuse" });
		attacks.put("long-request-line", new String[] { "GET /record/KEY?" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nSMUGGLED",
				"refuse" });
		attacks.put("long-header-block", new String[] { "GET /record/KEY HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-Pad: " + "a".repeat(70_000)
				+ "\r\n\r\nSMUGGLED", "refuse" });
		attacks.put("absolute-form-elsewhere", new String[] { "GET http://127.0.0.1:1/record/KEY HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Content-Length: 0\r\nConnection: close\r\n\r\nSMUGGLED", "refuse-or-close" });
		attacks.put("dot-segments", new String[] { "GET /record/../record/KEY HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\nSMUGGLED",
				"refuse" });
		return attacks;
	}

	private static String ending(String key) {
		try {
			return RawUpstream.get().recording(key).ending(QUIET);
		}
		catch (Exception ex) {
			return "none";
		}
	}

	private static Outcome send(int port, String request) throws IOException {
		long started = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout((int) QUIET.toMillis());
			try {
				socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
			}
			catch (SocketException ex) {
				// Refused while the request was still being written: read what came back.
			}
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			boolean closed;
			try {
				for (int read = in.read(buffer); ; read = in.read(buffer)) {
					if (read < 0) {
						closed = true;
						break;
					}
					received.write(buffer, 0, read);
				}
			}
			catch (SocketTimeoutException ex) {
				closed = false;
			}
			catch (SocketException ex) {
				closed = true;
			}
			return new Outcome(received.toString(StandardCharsets.ISO_8859_1), closed, (System.nanoTime() - started) / 1_000_000);
		}
	}

	private record Outcome(String received, boolean closed, long millis) {

		List<Integer> statuses() {
			List<Integer> statuses = new ArrayList<>();
			Matcher matcher = STATUS.matcher(this.received);
			while (matcher.find()) {
				statuses.add(Integer.parseInt(matcher.group(1)));
			}
			return statuses;
		}

		@Override
		public String toString() {
			return "statuses " + statuses() + ((this.closed) ? ", closed" : ", left open");
		}

	}

}
