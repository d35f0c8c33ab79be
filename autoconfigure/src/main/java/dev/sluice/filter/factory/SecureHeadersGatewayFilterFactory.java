package dev.sluice.filter.factory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Adds security headers to responses that lack them ({@code SecureHeaders}), with Spring Cloud
 * Gateway's defaults. A route can drop some ({@code disable: x-frame-options}) and opt in to
 * {@code Permissions-Policy} ({@code enable: permissions-policy}).
 */
public class SecureHeadersGatewayFilterFactory
		implements GatewayFilterFactory<SecureHeadersGatewayFilterFactory.Config> {

	/** The opt-in header. */
	public static final String PERMISSIONS_POLICY = "Permissions-Policy";

	/** Value of {@code Permissions-Policy} when it is enabled without one. */
	public static final String DEFAULT_PERMISSIONS_POLICY = "accelerometer=(), ambient-light-sensor=(), autoplay=(), "
			+ "battery=(), camera=(), cross-origin-isolated=(), display-capture=(), document-domain=(), "
			+ "encrypted-media=(), execution-while-not-rendered=(), execution-while-out-of-viewport=(), "
			+ "fullscreen=(), geolocation=(), gyroscope=(), keyboard-map=(), magnetometer=(), microphone=(), "
			+ "midi=(), navigation-override=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), "
			+ "screen-wake-lock=(), sync-xhr=(), usb=(), web-share=(), xr-spatial-tracking=()";

	private final Map<String, String> headers;

	private final Set<String> disabled;

	private final Set<String> enabled;

	public SecureHeadersGatewayFilterFactory() {
		this(defaults(), Set.of(), Set.of());
	}

	/**
	 * Creates the factory with values for every route.
	 * @param headers header names and values, {@link #PERMISSIONS_POLICY} among them
	 * @param disabled lower-case names of headers no route gets unless it enables them
	 * @param enabled lower-case names of opt-in headers every route gets
	 */
	public SecureHeadersGatewayFilterFactory(Map<String, String> headers, Set<String> disabled, Set<String> enabled) {
		this.headers = new LinkedHashMap<>(headers);
		this.disabled = lowerCase(disabled);
		this.enabled = lowerCase(enabled);
	}

	/**
	 * Returns the default headers and values.
	 * @return the headers by name, in the order they are added
	 */
	public static Map<String, String> defaults() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Xss-Protection", "1 ; mode=block");
		headers.put("Strict-Transport-Security", "max-age=631138519");
		headers.put("X-Frame-Options", "DENY");
		headers.put("X-Content-Type-Options", "nosniff");
		headers.put("Referrer-Policy", "no-referrer");
		headers.put("Content-Security-Policy", "default-src 'self' https:; font-src 'self' https: data:; "
				+ "img-src 'self' https: data:; object-src 'none'; script-src https:; style-src 'self' https: 'unsafe-inline'");
		headers.put("X-Download-Options", "noopen");
		headers.put("X-Permitted-Cross-Domain-Policies", "none");
		headers.put(PERMISSIONS_POLICY, DEFAULT_PERMISSIONS_POLICY);
		return headers;
	}

	@Override
	public GatewayFilter create(Config config) {
		Set<String> disable = lowerCase(Set.copyOf(config.disable()));
		Set<String> enable = lowerCase(Set.copyOf(config.enable()));
		Map<String, String> values = new LinkedHashMap<>(this.headers);
		if (config.permissionsPolicy() != null) {
			values.put(PERMISSIONS_POLICY, config.permissionsPolicy());
		}
		Map<String, String> toAdd = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			String key = name.toLowerCase(Locale.ROOT);
			boolean optIn = name.equals(PERMISSIONS_POLICY);
			boolean on = (optIn ? (this.enabled.contains(key) || enable.contains(key))
					: !this.disabled.contains(key) || enable.contains(key)) && !disable.contains(key);
			if (on && value != null) {
				toAdd.put(name, value);
			}
		});
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> toAdd.forEach((name, value) -> {
			if (!headers.containsHeader(name)) {
				headers.set(name, value);
			}
		}));
	}

	private static Set<String> lowerCase(Set<String> names) {
		return names.stream().map((name) -> name.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Arguments of SecureHeaders.
	 *
	 * @param disable lower-case names of headers this route does not get
	 * @param enable lower-case names of opt-in headers this route gets
	 * @param permissionsPolicy the value of {@code Permissions-Policy} on this route, or
	 * {@code null} for the configured one
	 */
	public record Config(@DefaultValue List<String> disable, @DefaultValue List<String> enable,
			@Nullable String permissionsPolicy) {

	}

}
