package dev.sluice.sample.extensions;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import dev.sluice.route.Arguments;

/**
 * A user filter, used in YAML as {@code Stamp=X-Stamp,sample}: sends a header upstream and puts
 * the same header on the response.
 */
public class StampGatewayFilterFactory implements GatewayFilterFactory {

	@Override
	public List<String> argumentNames() {
		return List.of("name", "value");
	}

	@Override
	public GatewayFilter create(Arguments arguments) {
		String name = arguments.required("name");
		String value = arguments.optional("value", "stamped");
		return (exchange, chain) -> chain
			.filter(exchange.mutate().request((request) -> request.header(name, value)).build())
			.then(Mono.fromRunnable(() -> {
				if (!exchange.getResponse().isCommitted()) {
					exchange.getResponse().getHeaders().set(name, value);
				}
			}));
	}

}
