package dev.sluice.proxy;

import java.util.List;

import dev.sluice.arguments.RouteDefinitionException;
import dev.sluice.server.RunningServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Chooses the {@link ResponseBodyWriter} for the server that runs, once that server is known.
 * Until then, and in an application without a server, the copying writer is used: it is safe on
 * every server.
 */
public final class ResponseWriterSelector {

	private static final Log logger = LogFactory.getLog(ResponseWriterSelector.class);

	private final WriterStrategy strategy;

	private final ResponseBodyWriter zeroCopy;

	private final ResponseBodyWriter copy = new CopyingResponseWriter();

	private volatile RunningServer server = RunningServer.NONE;

	private volatile ResponseBodyWriter writer = this.copy;

	public ResponseWriterSelector(WriterStrategy strategy) {
		this(strategy, ZeroCopyResponseWriter.DEFAULT_READ_AHEAD);
	}

	/**
	 * Creates a selector.
	 * @param strategy the strategy
	 * @param readAhead most upstream buffers read ahead of a client on Reactor Netty
	 */
	public ResponseWriterSelector(WriterStrategy strategy, int readAhead) {
		this.strategy = strategy;
		this.zeroCopy = new ZeroCopyResponseWriter(readAhead);
	}

	/**
	 * Records the server and chooses the writer for it.
	 * @param server the server that runs
	 * @throws RouteDefinitionException if zero-copy was asked for on a Servlet container
	 */
	public void serverDetected(RunningServer server) {
		if (this.strategy == WriterStrategy.ZERO_COPY && server.servlet()) {
			throw new RouteDefinitionException("sluice.buffers.writer", "zero-copy needs Reactor Netty, but the server is "
					+ server.name() + ": a Servlet container writes from its own buffers and never releases "
					+ "Netty's, so every proxied buffer would leak", List.of("auto", "copy"), null);
		}
		boolean changed = !server.equals(this.server);
		this.server = server;
		this.writer = (this.strategy == WriterStrategy.COPY || server.servlet()) ? this.copy : this.zeroCopy;
		if (changed && server != RunningServer.NONE) {
			logger.info("Sluice gateway on " + server.name() + ": " + this.writer.name() + " response writer"
					+ ((this.strategy == WriterStrategy.AUTO) ? " (auto)" : ""));
		}
	}

	ResponseBodyWriter writer() {
		return this.writer;
	}

	/**
	 * Returns the name of the writer in use, as the actuator reports it.
	 * @return {@code zero-copy} or {@code copy}
	 */
	public String writerName() {
		return this.writer.name();
	}

	public RunningServer server() {
		return this.server;
	}

	public WriterStrategy strategy() {
		return this.strategy;
	}

}
