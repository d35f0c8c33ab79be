package dev.sluice.filter.factory;

import dev.sluice.filter.GatewayFilter;
import dev.sluice.filter.GatewayFilterFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Sets the status of the response once the upstream has answered, given as a number or a name:
 * {@code SetStatus=401} or {@code SetStatus=UNAUTHORIZED}. When an original-status header name is
 * configured, the upstream's status is sent in it.
 */
public class SetStatusGatewayFilterFactory implements GatewayFilterFactory<SetStatusGatewayFilterFactory.Config> {

	private final String originalStatusHeaderName;

	public SetStatusGatewayFilterFactory() {
		this(null);
	}

	/**
	 * Creates the factory.
	 * @param originalStatusHeaderName the response header that carries the upstream's status,
	 * or {@code null} for none
	 */
	public SetStatusGatewayFilterFactory(String originalStatusHeaderName) {
		this.originalStatusHeaderName = originalStatusHeaderName;
	}

	@Override
	public GatewayFilter create(Config config) {
		HttpStatusCode status = config.status();
		return (exchange, chain) -> chain.filter(exchange).then(Mono.fromRunnable(() -> {
			ServerHttpResponse response = exchange.getResponse();
			HttpStatusCode original = response.getStatusCode();
			if (response.setStatusCode(status) && this.originalStatusHeaderName != null && original != null) {
				response.getHeaders().set(this.originalStatusHeaderName, "[" + original.value() + "]");
			}
		}));
	}

	/**
	 * Arguments of SetStatus.
	 *
	 * @param status the status, as a number or a name
	 */
	public record Config(HttpStatusCode status) {

	}

}
