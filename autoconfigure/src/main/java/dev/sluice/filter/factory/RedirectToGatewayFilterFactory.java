package dev.sluice.filter.factory;

import java.net.URI;
import java.util.List;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Answers with a redirect instead of calling the upstream: {@code RedirectTo=302,https://acme.org}.
 * With {@code includeRequestParams} true the request's query is appended to the URL.
 */
public class RedirectToGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("status", "url", "includeRequestParams");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		HttpStatusCode status = arguments.status("status");
		if (!status.is3xxRedirection()) {
			throw arguments.invalid("status", status.value() + " is not a redirect status",
					List.of("300", "301", "302", "303", "307", "308"));
		}
		String url = arguments.required("url");
		try {
			URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw arguments.invalid("url", "'" + url + "' is not a valid URL: " + ex.getMessage());
		}
		boolean includeRequestParams = arguments.bool("includeRequestParams", false);
		return (exchange, chain) -> {
			ServerHttpResponse response = exchange.getResponse();
			if (response.isCommitted()) {
				return chain.filter(exchange);
			}
			String query = exchange.getRequest().getURI().getRawQuery();
			String location = (includeRequestParams && query != null && !query.isEmpty())
					? url + (url.contains("?") ? "&" : "?") + query : url;
			response.setStatusCode(status);
			response.getHeaders().set(HttpHeaders.LOCATION, location);
			return response.setComplete();
		};
	}

}
