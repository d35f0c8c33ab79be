package dev.sluice.autoconfigure;

import dev.sluice.server.WriterStrategy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of how the gateway handles pooled buffers.
 */
@ConfigurationProperties("sluice.buffers")
public class SluiceBufferProperties {

	/**
	 * How upstream bodies are written to the client: "auto" picks zero-copy on Reactor Netty and
	 * copy on a Servlet container; "zero-copy" fails startup on a Servlet container.
	 */
	private WriterStrategy writer = WriterStrategy.AUTO;

	public WriterStrategy getWriter() {
		return this.writer;
	}

	public void setWriter(WriterStrategy writer) {
		this.writer = writer;
	}

}
