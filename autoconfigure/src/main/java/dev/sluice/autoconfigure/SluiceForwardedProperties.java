package dev.sluice.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of forwarded headers: which peers are trusted proxies, and which
 * headers the gateway adds to the requests it sends upstream.
 */
@ConfigurationProperties("sluice.forwarded")
public class SluiceForwardedProperties {

	/**
	 * Whether the gateway adds its own hop (X-Forwarded-For, -Proto, -Host, -Port and -Prefix) to
	 * the requests it sends upstream. Forwarded headers from untrusted peers are removed either way.
	 */
	private boolean enabled = true;

	/**
	 * Regular expression matched against the IP address of the peer that connected to the gateway
	 * (such as '10\.0\.0\.\d+|127\.0\.0\.1' in YAML); the Forwarded and X-Forwarded-* headers of a
	 * matching peer are believed and passed on, those of any other peer are removed. None is trusted
	 * when not set.
	 */
	private @Nullable String trustedProxies;

	/**
	 * Whether the gateway writes an RFC 7239 Forwarded header as well as the X-Forwarded-* ones.
	 */
	private boolean forwardedHeader;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(@Nullable String trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public boolean isForwardedHeader() {
		return this.forwardedHeader;
	}

	public void setForwardedHeader(boolean forwardedHeader) {
		this.forwardedHeader = forwardedHeader;
	}

}
