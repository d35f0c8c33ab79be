import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The exchanges of the paranoid soak that go wrong on purpose, each on the client's keep-alive
 * connection and with its own token, against {@code TokenUpstream} behind the gateway's
 * {@code /t/**} route. An exchange that ends as it must is counted under its kind; anything else
 * is an error named after what happened, and a response carrying another request's token is
 * counted as misdelivered.
 */
final class Integrity {

	static final String ALL = "hints,continue,nocontent,trailing,short,unterminated,close,malformed";

	private Integrity() {
	}

	/**
	 * Runs one exchange of the given kind.
	 * @return whether the connection may carry the next request
	 */
	static boolean run(String kind, SoakDriver.Connection connection, String token, SoakDriver.Counts counts)
			throws IOException {
		byte[] buffer = new byte[65536];
		switch (kind) {
			case "hints", "close" -> {
				SoakDriver.Response response = connection.get(withToken("/t/" + kind + "?size=4096", token));
				response.drain(buffer, Long.MAX_VALUE, counts);
				return expectWhole(kind, response, token, 4096, counts) && !response.close;
			}
			case "continue" -> {
				String body = "continue-payload";
				SoakDriver.Response response = connection.send("POST " + withToken("/t/continue?size=1024", token)
						+ " HTTP/1.1\r\nHost: " + connection.host() + "\r\nExpect: 100-continue\r\nContent-Length: "
						+ body.length() + "\r\n\r\n" + body);
				response.drain(buffer, Long.MAX_VALUE, counts);
				return expectWhole(kind, response, token, 1024, counts) && !response.close;
			}
			case "nocontent" -> {
				SoakDriver.Response response = connection.get(withToken("/t/nocontent", token));
				response.drain(buffer, Long.MAX_VALUE, counts);
				if (!ownResponse(response, token, counts)) {
					return false;
				}
				count((response.status == 204) ? kind : kind + "-status-" + response.status, response.status == 204,
						counts);
				return !response.close;
			}
			case "trailing" -> {
				SoakDriver.Response response = connection.get(withToken("/t/trailing?size=1024", token));
				response.drain(buffer, Long.MAX_VALUE, counts);
				return expectWhole(kind, response, token, 1024, counts) && !response.close;
			}
			case "short", "unterminated" -> {
				// The upstream breaks off its body: the client must see it broken, never complete.
				SoakDriver.Response response = connection.get(withToken("/t/" + kind, token));
				response.drain(buffer, Long.MAX_VALUE, counts);
				if (!ownResponse(response, token, counts)) {
					return false;
				}
				boolean broken = response.status >= 500 || !response.complete;
				count(broken ? kind : kind + "-looked-complete", broken, counts);
				return false;
			}
			case "malformed" -> {
				// A chunked upload whose second chunk size is not hex: the gateway answers 400 and
				// must abort the upstream request, which TokenUpstream checks on its side.
				SoakDriver.Response response = connection.send("POST " + withToken("/t/echo?size=16", token)
						+ " HTTP/1.1\r\nHost: " + connection.host() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "9\r\nMALFORMED\r\nzz\r\n");
				response.drain(buffer, Long.MAX_VALUE, counts);
				if (response.token != null) {
					ownResponse(response, token, counts);
					count(kind + "-answered-by-upstream-" + response.status, false, counts);
				}
				else {
					count((response.status == 400) ? kind : kind + "-status-" + response.status, response.status == 400,
							counts);
				}
				return false;
			}
			default -> throw new IllegalArgumentException("unknown integrity kind " + kind);
		}
	}

	/** Appends the token to a path as a query parameter. */
	static String withToken(String path, String token) {
		return path + ((path.indexOf('?') < 0) ? "?" : "&") + "token=" + token;
	}

	/**
	 * Checks that a response the upstream produced carries this request's token, in its header and
	 * at the start of its body; counts a foreign one as misdelivered.
	 * @return whether it is this request's own response (or one the gateway answered itself)
	 */
	static boolean ownResponse(SoakDriver.Response response, String token, SoakDriver.Counts counts) {
		if (response.token == null) {
			// The gateway's own answer (a 502, say), or an upstream answer that lost its header.
			if (response.status < 400) {
				counts.error("no-token-status-" + response.status);
				return false;
			}
			return true;
		}
		counts.tokensChecked.increment();
		String bodyStart = new String(response.first, 0, Math.min(response.firstLength, token.length()),
				StandardCharsets.US_ASCII);
		boolean bodyOwn = response.firstLength == 0 || token.startsWith(bodyStart);
		if (!response.token.equals(token) || !bodyOwn) {
			counts.misdelivered.increment();
			counts.error("misdelivered");
			return false;
		}
		return true;
	}

	private static boolean expectWhole(String kind, SoakDriver.Response response, String token, long size,
			SoakDriver.Counts counts) {
		if (!ownResponse(response, token, counts)) {
			return false;
		}
		boolean whole = response.status == 200 && response.complete && response.firstLength > 0
				&& (response.length == size || response.chunked);
		count(whole ? kind : kind + "-status-" + response.status + (response.complete ? "" : "-cut"), whole, counts);
		return whole;
	}

	private static void count(String outcome, boolean expected, SoakDriver.Counts counts) {
		if (expected) {
			counts.integrity.computeIfAbsent(outcome, (k) -> new java.util.concurrent.atomic.LongAdder()).increment();
		}
		else {
			counts.error(outcome);
		}
	}

}
