package dev.sluice.filter.factory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * Refuses with 431 a request that has a header (name plus all its values) larger than a limit:
 * {@code RequestHeaderSize=1000B}. The reason goes in a response header, {@code errorMessage}
 * unless {@code errorHeaderName} says otherwise, and in a short JSON body.
 */
public class RequestHeaderSizeGatewayFilterFactory
		implements GatewayFilterFactory<RequestHeaderSizeGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		DataSize maxSize = config.maxSize();
		String errorHeaderName = config.errorHeaderName();
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

	/**
	 * Arguments of RequestHeaderSize.
	 *
	 * @param maxSize the largest a header may be, name and values together; a bare number is bytes
	 * @param errorHeaderName the response header that carries the reason of a refusal
	 */
	public record Config(DataSize maxSize, @DefaultValue("errorMessage") String errorHeaderName) {

	}

}
