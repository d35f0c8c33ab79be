package dev.sluice.filter.factory;

import java.net.URI;

import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * A request seen with another URI, everything else unchanged. Lighter than
 * {@code request.mutate().path(..)}, which copies every header and rebuilds the URI through a
 * {@code UriComponentsBuilder} on each request: here the URI is parsed once and the path only
 * when a later filter asks for it.
 */
final class RewrittenUriRequest extends ServerHttpRequestDecorator {

	private final URI uri;

	private RequestPath path;

	RewrittenUriRequest(ServerHttpRequest delegate, URI uri) {
		super(delegate);
		this.uri = uri;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public RequestPath getPath() {
		RequestPath path = this.path;
		if (path == null) {
			String contextPath = getDelegate().getPath().contextPath().value();
			path = RequestPath.parse(this.uri.getRawPath(), contextPath.isEmpty() ? null : contextPath);
			this.path = path;
		}
		return path;
	}

}
