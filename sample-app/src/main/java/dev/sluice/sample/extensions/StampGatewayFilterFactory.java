package dev.sluice.sample.extensions;

import reactor.core.publisher.Mono;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A user filter, used in YAML as {@code Stamp=X-Stamp,sample}: sends a header upstream and puts
 * the same header on the response.
 */
public class StampGatewayFilterFactory implements GatewayFilterFactory<StampGatewayFilterFactory.Config> {

	@Override
	public GatewayFilter create(Config config) {
		String name = config.name();
		String value = config.value();
		return (exchange, chain) -> chain
			.filter(exchange.mutate().request((request) -> request.header(name, value)).build())
			.then(Mono.fromRunnable(() -> {
				if (!exchange.getResponse().isCommitted()) {
					exchange.getResponse().getHeaders().set(name, value);
				}
			}));
	}

	/**
	 * The arguments of Stamp, in shortcut order: {@code name} is required, {@code value} has a
	 * default.
	 *
	 * @param name the header name
	 * @param value the header value
	 */
	public record Config(String name, @DefaultValue("stamped") String value) {

	}

}
