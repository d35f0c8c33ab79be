package dev.sluice.forwarded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The peers whose forwarded headers the gateway believes: those whose IP address, written as
 * {@link InetAddress#getHostAddress()} does ({@code 10.0.0.7}, {@code 0:0:0:0:0:0:0:1}), matches a
 * regular expression. By default no peer is trusted.
 */
public final class TrustedProxies {

	/** Trusts no peer. */
	public static final TrustedProxies NONE = new TrustedProxies(null);

	private final @Nullable Pattern pattern;

	private TrustedProxies(@Nullable Pattern pattern) {
		this.pattern = pattern;
	}

	/**
	 * Trusts the peers whose address matches the whole of a regular expression.
	 * @param regex the expression, such as {@code 10\.0\.0\.\d+|127\.0\.0\.1}
	 * @return the trusted proxies
	 * @throws java.util.regex.PatternSyntaxException if the expression is invalid
	 */
	public static TrustedProxies matching(String regex) {
		return new TrustedProxies(Pattern.compile(regex));
	}

	/**
	 * Whether a peer is a trusted proxy. A peer without a resolved address is not.
	 * @param peer the address of the peer that connected to the gateway
	 * @return whether its forwarded headers are believed
	 */
	public boolean trusts(@Nullable InetSocketAddress peer) {
		Pattern pattern = this.pattern;
		if (pattern == null || peer == null || peer.getAddress() == null) {
			return false;
		}
		return pattern.matcher(peer.getAddress().getHostAddress()).matches();
	}

	@Override
	public String toString() {
		return (this.pattern != null) ? this.pattern.pattern() : "none";
	}

}
