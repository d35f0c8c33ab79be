package dev.sluice.server;

import java.util.function.Supplier;

import reactor.netty.http.logging.AbstractHttpMessageLogFactory;
import reactor.netty.http.logging.HttpMessageArgProvider;

/**
 * Describes a request Reactor Netty's server failed to decode in one line: its method, its target
 * cut to 200 characters, and why it failed. Reactor Netty's own description lists every header on
 * a line of its own, so one malformed request from a client cost several lines of WARN, each of
 * them the client's own text.
 */
public final class OneLineHttpMessageLogFactory extends AbstractHttpMessageLogFactory {

	/** The shared instance. */
	public static final OneLineHttpMessageLogFactory INSTANCE = new OneLineHttpMessageLogFactory();

	private static final int MAX_TARGET = 200;

	private OneLineHttpMessageLogFactory() {
	}

	@Override
	public String common(HttpMessageArgProvider message) {
		// Each part is offered only by some kinds of message (a chunk of a body has no method), and
		// the others throw: a failure here would keep Reactor Netty from answering its 400.
		String target = oneLine(part(message::uri));
		if (target.length() > MAX_TARGET) {
			target = target.substring(0, MAX_TARGET) + "…";
		}
		return oneLine(message.httpMessageType() + " " + part(message::method) + " " + target + " "
				+ part(message::protocol) + ": " + part(() -> String.valueOf(message.decoderResult())));
	}

	private static String part(Supplier<String> part) {
		try {
			return String.valueOf(part.get());
		}
		catch (RuntimeException ex) {
			return "-";
		}
	}

	private static String oneLine(String text) {
		StringBuilder line = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			line.append((c < 0x20 || c == 0x7F) ? ' ' : c);
		}
		return line.toString();
	}

}
