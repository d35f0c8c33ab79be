package dev.sluice.filter.factory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;

/**
 * Rewrites the host (and possibly an API version) of a {@code Location} response header so that
 * clients see the gateway, not the upstream:
 * {@code RewriteLocationResponseHeader=AS_IN_REQUEST,Location,,}.
 */
public class RewriteLocationResponseHeaderGatewayFilterFactory
		implements GatewayFilterFactory<RewriteLocationResponseHeaderGatewayFilterFactory.Config> {

	private static final Pattern VERSIONED_PATH = Pattern.compile("^/v\\d+/.*");

	/**
	 * When a {@code /v1}-style version segment is removed from the location.
	 */
	public enum StripVersion {

		/** Never remove the version. */
		NEVER_STRIP,

		/** Remove it only when the request path has none. */
		AS_IN_REQUEST,

		/** Always remove it. */
		ALWAYS_STRIP

	}

	@Override
	public GatewayFilter create(Config config) {
		StripVersion mode = config.stripVersion();
		String headerName = config.locationHeaderName();
		String hostValue = config.hostValue();
		String protocols = config.protocols();
		Pattern location;
		try {
			// scheme "://" then host[:port], then an optional version segment, up to the path.
			location = Pattern.compile("^((?:" + protocols + ")://)([^:/]+(?::\\d+)?)(/v\\d+)?(?=/)");
		}
		catch (PatternSyntaxException ex) {
			throw new InvalidArgumentException("protocols", "'" + protocols + "' is not a valid regular expression: "
					+ ex.getDescription());
		}
		return (exchange, chain) -> HeaderChanges.afterResponse(exchange, chain, (headers) -> {
			String value = headers.getFirst(headerName);
			String host = (hostValue != null) ? hostValue : exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
			if (value == null || host == null) {
				return;
			}
			Matcher matcher = location.matcher(value);
			if (!matcher.find()) {
				return;
			}
			boolean strip = mode == StripVersion.ALWAYS_STRIP || (mode == StripVersion.AS_IN_REQUEST
					&& !VERSIONED_PATH.matcher(exchange.getRequest().getURI().getPath()).matches());
			String version = (strip || matcher.group(3) == null) ? "" : matcher.group(3);
			headers.set(headerName, matcher.group(1) + host + version + value.substring(matcher.end()));
		});
	}

	/**
	 * Arguments of RewriteLocationResponseHeader.
	 *
	 * @param stripVersion when a version segment is removed from the location
	 * @param locationHeaderName the header to rewrite
	 * @param hostValue the host to put in the location, or {@code null} for the request's
	 * {@code Host} header
	 * @param protocols a regular expression of the schemes to rewrite
	 */
	public record Config(@DefaultValue("AS_IN_REQUEST") StripVersion stripVersion,
			@DefaultValue(HttpHeaders.LOCATION) String locationHeaderName, @Nullable String hostValue,
			@DefaultValue("https?|ftps?") String protocols) {

	}

}
