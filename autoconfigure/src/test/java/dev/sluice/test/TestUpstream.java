package dev.sluice.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A real HTTP upstream on a random loopback port, with endpoints that echo bodies or request headers,
 * return N bytes, stream slowly, stall, reset the connection mid-body and serve server-sent events. Shared by every test
 * in the JVM; it records what it saw so tests can assert on it.
 * <p>
 * {@code /bytes/N?cue=KEY} runs the action a test registered for {@code KEY} with
 * {@link #cue(String, Runnable)} just before it answers, on the upstream's event loop: a client can
 * so leave at the moment the gateway receives its answer.
 */
public final class TestUpstream {

	/** Size of one chunk of generated bodies. */
	public static final int CHUNK = 16 * 1024;

	private static final byte[] PATTERN = pattern();

	private static final TestUpstream INSTANCE = new TestUpstream();

	private final DisposableServer server;

	private final AtomicReference<SeenRequest> lastRequest = new AtomicReference<>();

	private final AtomicInteger stallsEntered = new AtomicInteger();

	private final AtomicInteger stallsClosed = new AtomicInteger();

	private final Map<String, AtomicInteger> flakyHits = new ConcurrentHashMap<>();

	private final Map<String, Runnable> cues = new ConcurrentHashMap<>();

	private TestUpstream() {
		// Own event loops: closing a gateway's context disposes Reactor Netty's global ones.
		this.server = HttpServer.create()
			.runOn(LoopResources.create("test-upstream", 2, true))
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.route((request) -> true, this::handle))
			.bindNow(Duration.ofSeconds(10));
	}

	public static TestUpstream get() {
		return INSTANCE;
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public SeenRequest lastRequest() {
		return this.lastRequest.get();
	}

	/**
	 * Returns how many requests a {@code /flaky/KEY} endpoint has seen.
	 * @param key the key
	 * @return the count
	 */
	public int flakyHits(String key) {
		AtomicInteger hits = this.flakyHits.get(key);
		return (hits != null) ? hits.get() : 0;
	}

	/**
	 * Registers an action that a {@code /bytes/N?cue=KEY} request runs once, just before the
	 * upstream answers it.
	 * @param key the key the request names
	 * @param action the action
	 */
	public void cue(String key, Runnable action) {
		this.cues.put(key, action);
	}

	public int stallsEntered() {
		return this.stallsEntered.get();
	}

	public int stallsClosed() {
		return this.stallsClosed.get();
	}

	/**
	 * Returns the byte at a position of every generated body.
	 * @param position the position
	 * @return the byte
	 */
	public static byte byteAt(long position) {
		return PATTERN[(int) (position % PATTERN.length)];
	}

	/**
	 * Returns the CRC32 of a generated body of a given size.
	 * @param size the size
	 * @return the checksum
	 */
	public static long crcOf(long size) {
		CRC32 crc = new CRC32();
		long remaining = size;
		while (remaining > 0) {
			int n = (int) Math.min(remaining, PATTERN.length);
			crc.update(PATTERN, 0, n);
			remaining -= n;
		}
		return crc.getValue();
	}

	/**
	 * Returns a generated body of a given size as a stream of chunks.
	 * @param size the size
	 * @return the chunks
	 */
	public static Flux<ByteBuf> generate(long size) {
		long chunks = (size + PATTERN.length - 1) / PATTERN.length;
		return Flux.range(0, (int) chunks).map((i) -> {
			int n = (int) Math.min(PATTERN.length, size - (long) i * PATTERN.length);
			return Unpooled.wrappedBuffer(PATTERN, 0, n);
		});
	}

	private static byte[] pattern() {
		byte[] bytes = new byte[CHUNK];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) ((i * 31 + 7) % 251);
		}
		return bytes;
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String path = request.fullPath();
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(request.uri()).build().getQueryParams();
		this.lastRequest.set(new SeenRequest(request.method().name(), request.uri(), request.requestHeaders().copy()));
		if (path.startsWith("/echo")) {
			return echo(request, response);
		}
		if (path.startsWith("/request-headers")) {
			// One "name: value" line per header as received, for checks that run several requests at once.
			StringBuilder lines = new StringBuilder();
			request.requestHeaders().forEach((header) -> lines.append(header.getKey()).append(": ")
				.append(header.getValue()).append('\n'));
			return response.sendString(Mono.just(lines.toString()));
		}
		if (path.startsWith("/bytes/")) {
			long size = Long.parseLong(path.substring("/bytes/".length()));
			boolean chunked = query.containsKey("chunked");
			if (!chunked) {
				response.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(size));
			}
			List<String> cue = query.get("cue");
			Runnable action = (cue != null) ? this.cues.remove(cue.get(0)) : null;
			if (action != null) {
				action.run();
			}
			return response.send(generate(size));
		}
		if (path.startsWith("/crc")) {
			// Reduced, not then(): then() discards each buffer, and Reactor Netty's discard hook
			// would release it a second time after the receive loop already has.
			CRC32 crc = new CRC32();
			return response.sendString(request.receive().map((buf) -> {
				crc.update(buf.nioBuffer());
				return (long) buf.readableBytes();
			}).reduce(0L, Long::sum).map((count) -> count + " " + crc.getValue()));
		}
		if (path.startsWith("/slow")) {
			int chunks = intParam(query, "chunks", 10);
			long delay = intParam(query, "delayMs", 100);
			return response.sendString(Flux.interval(Duration.ofMillis(delay)).take(chunks).map((i) -> "chunk-" + i + "\n"));
		}
		if (path.startsWith("/sse")) {
			int events = intParam(query, "events", 5);
			long delay = intParam(query, "delayMs", 200);
			response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
			return response.sendString(Flux.interval(Duration.ofMillis(delay)).take(events)
				.map((i) -> "id:" + i + "\ndata:event-" + i + "\n\n"));
		}
		if (path.startsWith("/stall")) {
			return stall(response, false);
		}
		if (path.startsWith("/headers-then-stall")) {
			return stall(response, true);
		}
		if (path.startsWith("/delay/")) {
			long millis = Long.parseLong(path.substring("/delay/".length()));
			return response.sendString(Mono.delay(Duration.ofMillis(millis)).thenReturn("delayed " + millis));
		}
		if (path.startsWith("/reset")) {
			int bytes = intParam(query, "bytes", CHUNK);
			if (!query.containsKey("chunked")) {
				response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes * 4));
			}
			long delay = intParam(query, "delayMs", 50);
			// SO_LINGER 0: the close is a TCP reset, which also drops what the peer has not read yet.
			return response.send(generate(bytes).concatWith(Mono.delay(Duration.ofMillis(delay))
				.then(Mono.fromRunnable(() -> response.withConnection((c) -> {
					c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
					c.channel().close();
				})))));
		}
		if (path.startsWith("/flaky/")) {
			// The first "failures" requests for a key get "status" with a sized body, later ones 200.
			int hit = this.flakyHits.computeIfAbsent(path.substring("/flaky/".length()), (k) -> new AtomicInteger())
				.incrementAndGet();
			int failures = intParam(query, "failures", 1);
			int status = (hit <= failures) ? intParam(query, "status", 503) : 200;
			return response.status(HttpResponseStatus.valueOf(status))
				.header("X-Attempt", Integer.toString(hit))
				.send(generate((status == 200) ? 32 : 4 * CHUNK));
		}
		if (path.startsWith("/respond")) {
			// Answers with the status and the "Name:Value" response headers the query asks for.
			for (String header : query.getOrDefault("header", List.of())) {
				String decoded = URLDecoder.decode(header, StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				response.addHeader(decoded.substring(0, colon), decoded.substring(colon + 1));
			}
			return response.status(HttpResponseStatus.valueOf(intParam(query, "status", 200)))
				.sendString(Mono.just("responded"));
		}
		if (path.startsWith("/status/")) {
			int code = Integer.parseInt(path.substring("/status/".length()));
			return response.status(HttpResponseStatus.valueOf(code)).sendString(Mono.just("status " + code));
		}
		return response.status(HttpResponseStatus.NOT_FOUND).sendString(Mono.just("no such upstream path " + path));
	}

	private Publisher<Void> echo(HttpServerRequest request, HttpServerResponse response) {
		String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
		if (length != null) {
			response.header(HttpHeaderNames.CONTENT_LENGTH, length);
		}
		response.header("X-Upstream-Method", request.method().name());
		response.header("X-Upstream-Uri", request.uri());
		response.header("Connection", "X-Secret-Hop");
		response.header("X-Secret-Hop", "must not be forwarded");
		response.header("Keep-Alive", "timeout=5");
		return response.send(request.receive().retain());
	}

	private Publisher<Void> stall(HttpServerResponse response, boolean sendHeaders) {
		this.stallsEntered.incrementAndGet();
		response.withConnection((connection) -> connection.onDispose(this.stallsClosed::incrementAndGet));
		Mono<Void> never = Mono.never();
		if (sendHeaders) {
			return response.sendHeaders().then(never);
		}
		return never;
	}

	private static int intParam(Map<String, List<String>> query, String name, int defaultValue) {
		List<String> values = query.get(name);
		return (values == null || values.isEmpty()) ? defaultValue : Integer.parseInt(values.get(0));
	}

	/**
	 * What the upstream received.
	 *
	 * @param method the method
	 * @param uri the request target exactly as received
	 * @param headers the headers
	 */
	public record SeenRequest(String method, String uri, HttpHeaders headers) {
	}

}
