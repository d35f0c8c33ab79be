package dev.sluice.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) against the gateway, recording what it receives as text
 * events: {@code text:<text>}, {@code binary:<base64>}, {@code ping:<payload>},
 * {@code pong:<payload>}, {@code close:<code>:<reason>}, {@code error:<exception class>}.
 */
final class WebSocketTestClient {

	private final WebSocket socket;

	private final Recorder recorder;

	private WebSocketTestClient(WebSocket socket, Recorder recorder) {
		this.socket = socket;
		this.recorder = recorder;
	}

	static WebSocketTestClient connect(String uri, Map<String, String> headers, List<String> subprotocols) {
		Recorder recorder = new Recorder();
		// A client of its own: the JDK pools the connection of a handshake that failed, and one
		// test's failure would become the next one's.
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		headers.forEach(builder::header);
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		WebSocket socket = builder.buildAsync(URI.create(uri), recorder).orTimeout(20, TimeUnit.SECONDS).join();
		return new WebSocketTestClient(socket, recorder);
	}

	static WebSocketTestClient connect(String uri) {
		return connect(uri, Map.of(), List.of());
	}

	String subprotocol() {
		return this.socket.getSubprotocol();
	}

	void text(String text) {
		this.socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	void binary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	void ping(String payload) {
		this.socket.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
	}

	void close(int code, String reason) {
		this.socket.sendClose(code, reason).orTimeout(10, TimeUnit.SECONDS).join();
	}

	void abort() {
		this.socket.abort();
	}

	/**
	 * Returns the next event, or {@code null} if none came in time.
	 */
	String next(Duration timeout) throws InterruptedException {
		return this.recorder.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	static String binaryEvent(byte[] bytes) {
		return "binary:" + Base64.getEncoder().encodeToString(bytes);
	}

	private static final class Recorder implements WebSocket.Listener {

		private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		private final StringBuilder text = new StringBuilder();

		private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.events.add("text:" + this.text);
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				this.events.add(binaryEvent(this.binary.toByteArray()));
				this.binary = new java.io.ByteArrayOutputStream();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			this.events.add("ping:" + StandardCharsets.UTF_8.decode(message.duplicate()));
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			this.events.add("pong:" + StandardCharsets.UTF_8.decode(message));
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.events.add("close:" + statusCode + ":" + reason);
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.events.add("error:" + error.getClass().getSimpleName());
		}

	}

}
