package dev.sluice.proxy;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dev.sluice.route.Route;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a failed proxy call with its status and a short JSON body naming the route and path, or,
 * when the response is already committed, aborts it so that a half-written body never reads as a
 * success.
 */
final class GatewayErrorResponder {

	private static final Log logger = LogFactory.getLog(GatewayErrorResponder.class);

	Mono<Void> respond(ServerWebExchange exchange, Route route, UpstreamFailure failure) {
		if (logger.isDebugEnabled()) {
			logger.debug("Route " + route.id() + ": " + failure.getMessage() + " for "
					+ exchange.getRequest().getPath().value(), failure.getCause());
		}
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(failure);
		}
		HttpStatus status = failure.getStatus();
		String json = "{\"status\":" + status.value() + ",\"error\":\"" + status.getReasonPhrase()
				+ "\",\"route\":\"" + escape(route.id()) + "\",\"path\":\""
				+ escape(exchange.getRequest().getPath().value()) + "\",\"message\":\"" + escape(failure.getMessage())
				+ "\"}";
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.clear();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(bytes.length);
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

	static String escape(String value) {
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
