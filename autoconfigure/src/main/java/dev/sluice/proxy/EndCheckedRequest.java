package dev.sluice.proxy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.ChannelOperations;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * The client's request as the server delivers it, with a body that fails with a
 * {@link RequestBodyFailure} unless it ends with its end. It sits under every filter, so only the
 * client's own body is checked; what a filter makes of it fails as the filter says.
 * <p>
 * Reactor Netty's server completes a body it failed to decode: on a malformed chunk it answers 400
 * itself and disposes the request's inbound, and a disposed inbound completes its subscriber as if
 * the body had ended ({@code FluxReceive}). Passed on, that completion handed the upstream a
 * truncated body as a whole one, with its last chunk. A completion from an inbound that was
 * cancelled is therefore a failure here.
 */
final class EndCheckedRequest extends ServerHttpRequestDecorator {

	EndCheckedRequest(ServerHttpRequest request) {
		super(request);
	}

	@Override
	public Flux<DataBuffer> getBody() {
		Flux<DataBuffer> body = super.getBody();
		if (getNativeRequest(getDelegate()) instanceof ChannelOperations<?, ?> inbound) {
			body = body.concatWith(Mono.defer(() -> inbound.isInboundCancelled()
					? Mono.error(new RequestBodyFailure("Request body was cut short by the server", null))
					: Mono.empty()));
		}
		return body.onErrorMap(RequestBodyFailure::of);
	}

}
