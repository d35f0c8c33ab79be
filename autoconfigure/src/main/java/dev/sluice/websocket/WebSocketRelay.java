package dev.sluice.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import dev.sluice.buffer.ExchangeState;
import dev.sluice.buffer.LedgerEntry;
import dev.sluice.buffer.WebSocketCounters;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One proxied WebSocket session, from the moment the upstream accepted the handshake: the handler
 * of the client's side once it is upgraded, and the owner of the upstream connection until the
 * session ends. Frames pass in order in both directions; each frame's buffer is retained from the
 * receiving side, counted in the ledger and handed to the sending side, which releases it once
 * written (Reactor Netty), or copied and released at once (a Servlet container, whose WebSocket
 * session never releases what it sends).
 * <p>
 * The side whose inbound ends first decides how the session ends: its close code and reason are
 * passed to the other side once the frames before it have been sent; an end without a close frame
 * (a reset) is passed on as an abrupt close. Neither side's receive is ever cancelled or failed
 * from the other side ({@link DrainOnCancel}), so no close of the libraries' own overtakes it.
 */
final class WebSocketRelay implements WebSocketHandler {

	private static final Log logger = LogFactory.getLog(WebSocketRelay.class);

	private static final int ABNORMAL = 1006;

	private final WebsocketInbound upstreamIn;

	private final WebsocketOutbound upstreamOut;

	private final @Nullable String subprotocol;

	private final String routeId;

	private final LedgerEntry entry;

	private final WebSocketCounters counters;

	private final Consumer<ExchangeState> end;

	private final WebSocketSettings settings;

	private final Sinks.Empty<Void> upstreamLifetime = Sinks.empty();

	private final Sinks.Empty<Void> clientInboundEnded = Sinks.empty();

	private final Sinks.Empty<Void> upstreamInboundEnded = Sinks.empty();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean finished = new AtomicBoolean();

	private final AtomicReference<@Nullable Ending> ending = new AtomicReference<>();

	private volatile boolean opened;

	private volatile @Nullable Channel clientChannel;

	private volatile long lastFrameNanos = System.nanoTime();

	WebSocketRelay(WebsocketInbound upstreamIn, WebsocketOutbound upstreamOut, @Nullable String subprotocol,
			String routeId, LedgerEntry entry,
			WebSocketCounters counters, Consumer<ExchangeState> end, WebSocketSettings settings) {
		this.upstreamIn = upstreamIn;
		this.upstreamOut = upstreamOut;
		this.subprotocol = subprotocol;
		this.routeId = routeId;
		this.entry = entry;
		this.counters = counters;
		this.end = end;
		this.settings = settings;
	}

	/**
	 * The subprotocol the upstream agreed to, offered to the client as the only one.
	 */
	@Override
	public List<String> getSubProtocols() {
		return (this.subprotocol != null) ? List.of(this.subprotocol) : List.of();
	}

	@Nullable String subprotocol() {
		return this.subprotocol;
	}

	io.netty.handler.codec.http.HttpHeaders upstreamHandshakeHeaders() {
		return this.upstreamIn.headers();
	}

	/**
	 * Sets the client's connection, when the server is Reactor Netty: the only way to end the
	 * client's side without a close frame, as an upstream reset ended the upstream's.
	 * @param channel the client's channel
	 */
	void clientChannel(@Nullable Channel channel) {
		this.clientChannel = channel;
	}

	/**
	 * Keeps the upstream connection open: Reactor Netty closes it when this completes.
	 * @return completion when the session has ended
	 */
	Mono<Void> upstreamLifetime() {
		return this.upstreamLifetime.asMono();
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		if (!this.started.compareAndSet(false, true)) {
			return Mono.error(new IllegalStateException("The session was abandoned before the client's side opened"));
		}
		this.opened = true;
		this.counters.opened();
		boolean copying = !(session.bufferFactory() instanceof NettyDataBufferFactory);
		Flux<WebSocketFrame> toUpstream = new DrainOnCancel<>(session.receive().doOnEach((signal) -> {
			if (signal.isOnComplete() || signal.isOnError()) {
				clientEnded(session, signal.getThrowable());
			}
		}), Frames::isNotKeepAlivePong).map(this::toUpstreamFrame);
		Flux<WebSocketMessage> toClient = new DrainOnCancel<>(this.upstreamIn
			.aggregateFrames(this.settings.maxFramePayloadLength())
			.receiveFrames()
			.doOnEach((signal) -> {
				if (signal.isOnComplete() || signal.isOnError()) {
					upstreamEnded(signal.getThrowable());
				}
			}), Frames::isNotKeepAlivePong).map((frame) -> toClientMessage(frame, session, copying));
		Duration pingInterval = this.settings.pingInterval();
		if (pingInterval != null) {
			toUpstream = toUpstream.mergeWith(Flux.interval(pingInterval)
				.map((tick) -> Frames.keepAlivePing())
				.takeUntilOther(this.clientInboundEnded.asMono()));
			toClient = toClient.mergeWith(Flux.interval(pingInterval)
				.map((tick) -> Frames.keepAlivePing(session))
				.takeUntilOther(this.upstreamInboundEnded.asMono()));
		}
		Mono<Void> up = this.upstreamOut.sendObject(toUpstream)
			.then()
			.onErrorResume((error) -> sendFailed("upstream", error))
			.then(Mono.defer(() -> closeUpstreamIfClientEnded(session)));
		Mono<Void> down = session.send(toClient)
			.onErrorResume((error) -> sendFailed("client", error))
			.then(Mono.defer(() -> closeClientIfUpstreamEnded(session)));
		Disposable idleWatch = watchIdleness(session);
		return Mono.when(up, down).doFinally((signal) -> {
			idleWatch.dispose();
			finish(signal);
		});
	}

	/**
	 * Ends a relay whose client side never opened: the upgrade failed or the client left.
	 */
	void abandon() {
		if (this.started.compareAndSet(false, true)) {
			abortUpstream();
			finish(SignalType.CANCEL);
		}
	}

	/**
	 * Abandons the relay unless the client's side opens within a time: a Servlet container opens
	 * it after the upgrade's request has completed, when nothing else would notice its failure.
	 * @param timeout how long to wait
	 */
	void abandonUnlessOpenedWithin(Duration timeout) {
		if (this.started.get()) {
			return;
		}
		Schedulers.parallel().schedule(this::abandon, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void clientEnded(WebSocketSession session, @Nullable Throwable error) {
		this.clientInboundEnded.tryEmitEmpty();
		CloseStatus status = (error != null) ? statusOf(error) : now(session.closeStatus());
		decide(new Ending(Side.CLIENT, status, error != null));
	}

	private void upstreamEnded(@Nullable Throwable error) {
		this.upstreamInboundEnded.tryEmitEmpty();
		CloseStatus status = (error != null) ? statusOf(error)
				: now(this.upstreamIn.receiveCloseStatus().map((s) -> CloseStatus.create(s.code(), s.reasonText())));
		decide(new Ending(Side.UPSTREAM, status, error != null));
	}

	private void decide(Ending end) {
		if (!this.ending.compareAndSet(null, end)) {
			return;
		}
		CloseStatus status = end.status();
		if (status != null && status.getCode() == CloseStatus.TOO_BIG_TO_PROCESS.getCode()) {
			logger.warn("Route " + this.routeId + ": WebSocket session closed with 1009 by the " + end.side().text
					+ " side (a frame or message larger than " + this.settings.maxFramePayloadLength()
					+ " bytes, sluice.websocket.max-frame-payload-length)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Route " + this.routeId + ": WebSocket session ended by the " + end.side().text + " side with "
					+ ((status != null) ? status : "no close frame"));
		}
	}

	/**
	 * Closes the upstream once the client's side has ended and every frame before its end has
	 * been sent; a client side that failed (an oversized message, say) is closed too, with the
	 * same status.
	 */
	private Mono<Void> closeUpstreamIfClientEnded(WebSocketSession session) {
		Ending end = this.ending.get();
		if (end == null || end.side() != Side.CLIENT) {
			return Mono.empty();
		}
		return end.failed() ? Mono.when(closeUpstream(end.status()), closeClient(session, end.status()))
				: closeUpstream(end.status());
	}

	private Mono<Void> closeClientIfUpstreamEnded(WebSocketSession session) {
		Ending end = this.ending.get();
		if (end == null || end.side() != Side.UPSTREAM) {
			return Mono.empty();
		}
		return end.failed() ? Mono.when(closeClient(session, end.status()), closeUpstream(end.status()))
				: closeClient(session, end.status());
	}

	/**
	 * Closes the upstream connection without a close frame. Not {@code dispose()}: Reactor Netty
	 * would cancel the receive first, and answer that with an empty close frame.
	 */
	private void abortUpstream() {
		this.upstreamIn.withConnection((connection) -> connection.channel().close());
	}

	private Mono<Void> closeUpstream(@Nullable CloseStatus status) {
		if (status == null || status.getCode() == ABNORMAL) {
			abortUpstream();
			return Mono.empty();
		}
		if (status.getCode() == CloseStatus.NO_STATUS_CODE.getCode()) {
			return this.upstreamOut.sendClose().onErrorResume((error) -> Mono.empty());
		}
		if (!WebSocketCloseStatus.isValidStatusCode(status.getCode())) {
			abortUpstream();
			return Mono.empty();
		}
		return this.upstreamOut.sendClose(status.getCode(), status.getReason()).onErrorResume((error) -> Mono.empty());
	}

	private Mono<Void> closeClient(WebSocketSession session, @Nullable CloseStatus status) {
		Channel channel = this.clientChannel;
		boolean abrupt = status == null || status.getCode() == ABNORMAL || !validOrEmpty(status);
		if (channel != null) {
			if (abrupt) {
				// Without a close frame: the client sees the connection drop, as the gateway did.
				channel.close();
				return Mono.empty();
			}
			if (status.getCode() == CloseStatus.NO_STATUS_CODE.getCode()) {
				channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
				return Mono.empty();
			}
			return session.close(status).onErrorResume((error) -> Mono.empty());
		}
		// A JSR 356 session sends a close frame whatever the code (1002 for 1006): 1011 says best
		// that the other side failed; an empty close cannot be sent, and 1000 is what it means.
		CloseStatus sent = abrupt ? new CloseStatus(CloseStatus.SERVER_ERROR.getCode(), "Upstream connection lost")
				: (status.getCode() == CloseStatus.NO_STATUS_CODE.getCode()) ? CloseStatus.NORMAL : status;
		return session.close(sent).onErrorResume((error) -> Mono.empty());
	}

	private static boolean validOrEmpty(CloseStatus status) {
		return status.getCode() == CloseStatus.NO_STATUS_CODE.getCode()
				|| WebSocketCloseStatus.isValidStatusCode(status.getCode());
	}

	private Mono<Void> sendFailed(String side, Throwable error) {
		if (logger.isDebugEnabled()) {
			logger.debug("Route " + this.routeId + ": sending to the " + side + " side of a WebSocket session failed",
					error);
		}
		return Mono.empty();
	}

	private Disposable watchIdleness(WebSocketSession session) {
		Duration idleTimeout = this.settings.idleTimeout();
		if (idleTimeout == null) {
			return Disposables.disposed();
		}
		long idleNanos = idleTimeout.toNanos();
		long period = Math.max(10, idleTimeout.toMillis() / 4);
		return Schedulers.parallel().schedulePeriodically(() -> {
			if (System.nanoTime() - this.lastFrameNanos >= idleNanos) {
				closeIdle(session, idleTimeout);
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	private void closeIdle(WebSocketSession session, Duration idleTimeout) {
		CloseStatus status = new CloseStatus(CloseStatus.GOING_AWAY.getCode(), "Idle timeout");
		if (this.ending.compareAndSet(null, new Ending(Side.GATEWAY, status, false))) {
			if (logger.isDebugEnabled()) {
				logger.debug("Route " + this.routeId + ": WebSocket session idle for " + idleTimeout + ", closing it");
			}
			closeClient(session, status).subscribe();
			closeUpstream(status).subscribe();
		}
	}

	private void finish(SignalType signal) {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		abortUpstream();
		this.upstreamLifetime.tryEmitEmpty();
		if (this.opened) {
			this.counters.closed();
		}
		this.end.accept(switch (signal) {
			case ON_COMPLETE -> ExchangeState.COMPLETE;
			case ON_ERROR -> ExchangeState.ERROR;
			default -> ExchangeState.CANCEL;
		});
	}

	private WebSocketFrame toUpstreamFrame(WebSocketMessage message) {
		this.lastFrameNanos = System.nanoTime();
		this.counters.frame();
		return Frames.toUpstream(message, this.entry);
	}

	private WebSocketMessage toClientMessage(WebSocketFrame frame, WebSocketSession session, boolean copying) {
		this.lastFrameNanos = System.nanoTime();
		this.counters.frame();
		return Frames.toClient(frame, session, copying, this.entry);
	}

	/**
	 * Reads the status a side closed with, if it did: the libraries record it before the side's
	 * receive completes.
	 */
	private static @Nullable CloseStatus now(Mono<CloseStatus> status) {
		AtomicReference<@Nullable CloseStatus> seen = new AtomicReference<>();
		Disposable subscription = status.subscribe(seen::set, (error) -> {
		});
		subscription.dispose();
		return seen.get();
	}

	private static @Nullable CloseStatus statusOf(Throwable error) {
		if (error instanceof CorruptedWebSocketFrameException corrupted && corrupted.closeStatus() != null) {
			WebSocketCloseStatus status = corrupted.closeStatus();
			return CloseStatus.create(status.code(), status.reasonText());
		}
		if (error instanceof TooLongFrameException) {
			return CloseStatus.TOO_BIG_TO_PROCESS;
		}
		return null;
	}

	private enum Side {

		CLIENT("client"), UPSTREAM("upstream"), GATEWAY("gateway");

		private final String text;

		Side(String text) {
			this.text = text;
		}

	}

	/**
	 * How the session ends: who ended it first, with which status ({@code null}: no close frame),
	 * and whether that side failed rather than closed.
	 */
	private record Ending(Side side, @Nullable CloseStatus status, boolean failed) {
	}

}
