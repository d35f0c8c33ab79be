package dev.sluice.filter.factory;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

import org.springframework.http.HttpHeaders;

/**
 * Rewrites the host (and possibly an API version) of a {@code Location} response header so that
 * clients see the gateway, not the upstream:
 * {@code RewriteLocationResponseHeader=AS_IN_REQUEST,Location,,}.
 */
public class RewriteLocationResponseHeaderGatewayFilterFactory implements GatewayFilterFactory {

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
	public List<String> argumentNames() {
		return List.of("stripVersion", "locationHeaderName", "hostValue", "protocols");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		StripVersion mode = arguments.enumValue("stripVersion", StripVersion.class, StripVersion.AS_IN_REQUEST);
		String headerName = arguments.optional("locationHeaderName", HttpHeaders.LOCATION);
		String hostValue = arguments.optional("hostValue", null);
		String protocols = arguments.optional("protocols", "https?|ftps?");
		Pattern location;
		try {
			// scheme "://" then host[:port], then an optional version segment, up to the path.
			location = Pattern.compile("^((?:" + protocols + ")://)([^:/]+(?::\\d+)?)(/v\\d+)?(?=/)");
		}
		catch (PatternSyntaxException ex) {
			throw arguments.invalid("protocols", "'" + protocols + "' is not a valid regular expression: "
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

}
