package dev.sluice.filter.factory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * Refuses with 431 a request that has a header (name plus all its values) larger than a limit:
 * {@code RequestHeaderSize=1000B}. The reason goes in a response header, {@code errorMessage}
 * unless {@code errorHeaderName} says otherwise, and in a short JSON body.
 */
public class RequestHeaderSizeGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("maxSize", "errorHeaderName");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		DataSize maxSize = arguments.dataSize("maxSize", null);
		String errorHeaderName = arguments.optional("errorHeaderName", "errorMessage");
		return (exchange, chain) -> {
			StringJoiner tooLarge = new StringJoiner(", ");
			for (Map.Entry<String, List<String>> header : exchange.getRequest().getHeaders().headerSet()) {
				long size = header.getKey().getBytes(StandardCharsets.UTF_8).length;
				for (String value : header.getValue()) {
					size += value.getBytes(StandardCharsets.UTF_8).length;
				}
				if (size > maxSize.toBytes()) {
					tooLarge.add(header.getKey() + " (" + size + "B)");
				}
			}
			if (tooLarge.length() == 0 || exchange.getResponse().isCommitted()) {
				return chain.filter(exchange);
			}
			String message = "Request Header/s size is larger than permissible limit (" + maxSize.toBytes()
					+ "B). Request Header/s size for " + tooLarge;
			return Refusals.refuse(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, errorHeaderName, message);
		};
	}

}
