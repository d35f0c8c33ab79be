package dev.sluice.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * Reads IP address literals, IPv4 ({@code 10.0.0.7}) or IPv6 ({@code 2001:db8::1}, also in
 * brackets), and nothing else. Unlike {@link InetAddress#getByName(String)}, which looks up any
 * text that is not a literal it recognizes ({@code q:1}, {@code 1.2.3.4.5}) through the name
 * service, a value from a client never leaves the process, nor blocks the thread it runs on.
 */
public final class IpLiterals {

	private IpLiterals() {
	}

	/**
	 * Parses an IP address literal.
	 * @param text the text, such as an {@code X-Forwarded-For} entry
	 * @return the address, or {@code null} when the text is not an IP address literal
	 */
	public static @Nullable InetAddress parse(String text) {
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text.strip());
		if (bytes == null) {
			return null;
		}
		try {
			// Never a look-up: from bytes, the JDK only builds the address.
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
