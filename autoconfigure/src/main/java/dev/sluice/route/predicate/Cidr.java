package dev.sluice.route.predicate;

import java.net.InetAddress;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.http.IpLiterals;

/**
 * An IPv4 or IPv6 address range in CIDR notation, such as {@code 192.168.0.1/16}; an address
 * without a mask is a range of one.
 */
final class Cidr {

	private final byte[] network;

	private final int prefixLength;

	private Cidr(byte[] network, int prefixLength) {
		this.network = network;
		this.prefixLength = prefixLength;
	}

	static Cidr parse(String argument, String source) {
		String text = source.trim();
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		// Only literals: a host name here would be resolved once, at startup, and then go stale.
		InetAddress literal = IpLiterals.parse(address);
		if (literal == null) {
			throw new InvalidArgumentException(argument,
					"'" + source + "' is not an IP address or CIDR range such as 192.168.0.1/16");
		}
		byte[] bytes = literal.getAddress();
		int prefix = bytes.length * 8;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new InvalidArgumentException(argument,
						"'" + source + "' has an invalid mask (0 to " + bytes.length * 8 + ")");
			}
		}
		return new Cidr(bytes, prefix);
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

}
