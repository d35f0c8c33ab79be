package dev.sluice.proxy;

/**
 * How upstream response bodies are written to the client.
 */
public enum WriterStrategy {

	/** Zero-copy on Reactor Netty, copy on a Servlet container. */
	AUTO,

	/** Hand the upstream's pooled buffers to the server; Reactor Netty only. */
	ZERO_COPY,

	/** Copy each buffer to the heap and release it at once; works on every server. */
	COPY

}
