package dev.sluice.filter.factory;

import java.net.URI;
import java.util.List;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Answers with a redirect instead of calling the upstream: {@code RedirectTo=302,https://acme.org}.
 * With {@code includeRequestParams} true the request's query is appended to the URL.
 */
public class RedirectToGatewayFilterFactory implements GatewayFilterFactory<RedirectToGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		HttpStatusCode status = config.status();
		if (!status.is3xxRedirection()) {
			throw new InvalidArgumentException("status", status.value() + " is not a redirect status",
					List.of("300", "301", "302", "303", "307", "308"));
		}
		String url = config.url();
		try {
			URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidArgumentException("url", "'" + url + "' is not a valid URL: " + ex.getMessage());
		}
		boolean includeRequestParams = config.includeRequestParams();
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

	/**
	 * Arguments of RedirectTo.
	 *
	 * @param status the redirect status, as a number or a name
	 * @param url the location to redirect to
	 * @param includeRequestParams whether to append the request's query to the location
	 */
	public record Config(HttpStatusCode status, String url, @DefaultValue("false") boolean includeRequestParams) {

	}

}
