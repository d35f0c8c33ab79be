package dev.sluice.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.sluice.forwarded.TrustedProxies;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * The key resolvers a route names without a bean: {@code principal}, {@code client-address} and
 * {@code header:<Name>}.
 */
final class KeyResolvers {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private KeyResolvers() {
	}

	/**
	 * The name of the authenticated principal, as Spring Cloud Gateway's default resolver; no key
	 * without one.
	 */
	static KeyResolver principal() {
		return (exchange) -> exchange.getPrincipal().map(Principal::getName);
	}

	/**
	 * The first value of a request header; no key when it is absent or blank.
	 */
	static KeyResolver header(String name) {
		return (exchange) -> {
			String value = exchange.getRequest().getHeaders().getFirst(name);
			return StringUtils.hasText(value) ? Mono.just(value.trim()) : Mono.empty();
		};
	}

	/**
	 * The address of the client: the peer's, or when the peer is a trusted proxy, the last address
	 * of {@code X-Forwarded-For} that is not itself a trusted proxy. Forwarded headers from any other
	 * peer are never read, so a client cannot choose its own key.
	 */
	static KeyResolver clientAddress(TrustedProxies trustedProxies) {
		return (exchange) -> {
			String address = clientAddress(exchange.getRequest(), trustedProxies);
			return (address != null) ? Mono.just(address) : Mono.empty();
		};
	}

	static @Nullable String clientAddress(ServerHttpRequest request, TrustedProxies trustedProxies) {
		InetSocketAddress peer = request.getRemoteAddress();
		InetAddress peerAddress = (peer != null) ? peer.getAddress() : null;
		String client = (peerAddress != null) ? peerAddress.getHostAddress() : null;
		if (!trustedProxies.trusts(peer)) {
			return client;
		}
		List<String> forwarded = request.getHeaders().getValuesAsList(X_FORWARDED_FOR);
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i).trim();
			if (hop.isEmpty()) {
				continue;
			}
			client = hop;
			InetAddress hopAddress = NetUtil.createInetAddressFromIpAddressString(hop);
			if (hopAddress == null || !trustedProxies.trusts(new InetSocketAddress(hopAddress, 0))) {
				break;
			}
		}
		return client;
	}

}
