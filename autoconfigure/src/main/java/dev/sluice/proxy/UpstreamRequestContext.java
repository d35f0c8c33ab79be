package dev.sluice.proxy;

import java.net.URI;

import io.micrometer.observation.transport.RequestReplySenderContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClientResponse;

import dev.sluice.route.Route;

/**
 * What the observation of one upstream call knows: the route, the request sent and, once it has
 * come, the upstream's answer. The carrier collects the headers a tracer propagates
 * ({@code traceparent}), which go out with the upstream request.
 */
public final class UpstreamRequestContext extends RequestReplySenderContext<HttpHeaders, HttpClientResponse> {

	private final Route route;

	private final String method;

	private final URI uri;

	private final @Nullable String pathPattern;

	UpstreamRequestContext(Route route, String method, URI uri, @Nullable String pathPattern) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.set(key, value);
			}
		});
		this.route = route;
		this.method = method;
		this.uri = uri;
		this.pathPattern = pathPattern;
		setCarrier(new DefaultHttpHeaders(false));
		setRemoteServiceName(uri.getHost());
		setRemoteServiceAddress(uri.getScheme() + "://" + uri.getRawAuthority());
	}

	public Route getRoute() {
		return this.route;
	}

	public String getMethod() {
		return this.method;
	}

	/**
	 * Returns the upstream URI called, with its path and query.
	 * @return the URI
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * Returns the path pattern of the route's {@code Path} predicate that matched the request.
	 * @return the pattern, or {@code null} when the route has none
	 */
	public @Nullable String getPathPattern() {
		return this.pathPattern;
	}

}
