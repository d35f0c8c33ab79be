package dev.sluice.bench;

import java.util.Set;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The benchmark's ceiling for a JVM proxy on this stack: Reactor Netty's {@link HttpServer} handing
 * each request to a pooled {@link HttpClient} and streaming the answer back, with no routing, no
 * filters and no copies. Strips the first path segment, like a {@code StripPrefix=1} route.
 * Usage: {@code java -jar bench-raw-netty.jar PORT UPSTREAM_BASE_URL}.
 */
public final class RawNettyProxy {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer",
			"transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate", "host");

	private RawNettyProxy() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		String upstream = args[1];
		HttpClient client = HttpClient.create(ConnectionProvider.builder("raw").maxConnections(256).build())
			.compress(false);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.handle((request, response) -> {
				String uri = request.uri();
				if (uri.startsWith("/bench/memory")) {
					return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.sendString(Mono.fromSupplier(() -> MemoryReport.json(uri.contains("gc"))));
				}
				int slash = uri.indexOf('/', 1);
				String path = (slash < 0) ? "/" : uri.substring(slash);
				return client.request(request.method())
					.uri(upstream + path)
					.send((upstreamRequest, outbound) -> {
						copy(request.requestHeaders(), upstreamRequest.requestHeaders());
						return outbound.send(request.receive().retain());
					})
					.response((upstreamResponse, body) -> {
						response.status(upstreamResponse.status());
						copy(upstreamResponse.responseHeaders(), response.responseHeaders());
						return response.send(body.retain());
					})
					.then();
			})
			.bindNow();
		System.out.println("raw-netty proxy on " + server.address() + " -> " + upstream);
		server.onDispose().block();
	}

	private static void copy(HttpHeaders from, HttpHeaders to) {
		from.forEach((header) -> {
			if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
				to.add(header.getKey(), header.getValue());
			}
		});
	}

}
