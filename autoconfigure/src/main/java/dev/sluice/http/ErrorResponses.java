package dev.sluice.http;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the gateway's short JSON error body ({@code status}, {@code error}, {@code route},
 * {@code path}, {@code message}), for the proxy's own failures and for filters that refuse a
 * request, such as a 413 for an oversized body.
 */
public final class ErrorResponses {

	private ErrorResponses() {
	}

	/**
	 * Answers an exchange with a status and a JSON body, replacing any headers set so far.
	 * @param exchange the exchange, whose response must not be committed
	 * @param routeId the route the request took
	 * @param status the status
	 * @param message what went wrong, for the client
	 * @return completion of the write
	 */
	public static Mono<Void> write(ServerWebExchange exchange, String routeId, HttpStatus status, String message) {
		String json = "{\"status\":" + status.value() + ",\"error\":\"" + status.getReasonPhrase() + "\",\"route\":\""
				+ escape(routeId) + "\",\"path\":\"" + escape(exchange.getRequest().getPath().value())
				+ "\",\"message\":\"" + escape(message) + "\"}";
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		ServerHttpResponse response = exchange.getResponse();
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
