package dev.sluice.server;

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
		String target = oneLine(String.valueOf(message.uri()));
		if (target.length() > MAX_TARGET) {
			target = target.substring(0, MAX_TARGET) + "…";
		}
		return oneLine(message.method() + " " + target + " " + message.protocol() + ": " + message.decoderResult());
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
