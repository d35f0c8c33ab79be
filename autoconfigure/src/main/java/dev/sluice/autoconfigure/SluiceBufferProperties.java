package dev.sluice.autoconfigure;

import java.time.Duration;

import dev.sluice.proxy.WriterStrategy;
import io.netty.util.ResourceLeakDetector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of how the gateway handles pooled buffers and reports leaks.
 */
@ConfigurationProperties("sluice.buffers")
public class SluiceBufferProperties {

	/**
	 * How upstream bodies are written to the client: "auto" picks zero-copy on Reactor Netty and
	 * copy on a Servlet container; "zero-copy" fails startup on a Servlet container.
	 */
	private WriterStrategy writer = WriterStrategy.AUTO;

	/**
	 * Whether to count every proxied buffer per route and exchange, and record leak suspects.
	 */
	private boolean tracking = true;

	/**
	 * Time an exchange may still hold buffers after it ended before it is recorded as a leak
	 * suspect.
	 */
	private Duration leakGrace = Duration.ofSeconds(5);

	/**
	 * Maximum number of leak suspects and of Netty leak reports kept for the actuator endpoint.
	 */
	private int maxReports = 100;

	/**
	 * Level of Netty's buffer leak detector, on every server; Netty's own default (simple) when not
	 * set.
	 */
	private ResourceLeakDetector.Level leakDetection;

	/**
	 * Most bytes of an upstream body read ahead of a client that reads slower than the upstream
	 * sends, on Reactor Netty, beyond what the client's connection holds unsent (up to Netty's
	 * write-buffer high-water mark, 64KB by default). Rounded down to whole pieces of
	 * sluice.http-client.max-chunk-size, at least one.
	 */
	private DataSize readAhead = DataSize.ofKilobytes(128);

	private final Health health = new Health();

	public DataSize getReadAhead() {
		return this.readAhead;
	}

	public void setReadAhead(DataSize readAhead) {
		this.readAhead = readAhead;
	}

	public WriterStrategy getWriter() {
		return this.writer;
	}

	public void setWriter(WriterStrategy writer) {
		this.writer = writer;
	}

	public boolean isTracking() {
		return this.tracking;
	}

	public void setTracking(boolean tracking) {
		this.tracking = tracking;
	}

	public Duration getLeakGrace() {
		return this.leakGrace;
	}

	public void setLeakGrace(Duration leakGrace) {
		this.leakGrace = leakGrace;
	}

	public int getMaxReports() {
		return this.maxReports;
	}

	public void setMaxReports(int maxReports) {
		this.maxReports = maxReports;
	}

	public ResourceLeakDetector.Level getLeakDetection() {
		return this.leakDetection;
	}

	public void setLeakDetection(ResourceLeakDetector.Level leakDetection) {
		this.leakDetection = leakDetection;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Health contributor properties.
	 */
	public static class Health {

		/**
		 * Whether a DOWN "bufferLeaks" health contributor makes the aggregate health status DOWN.
		 */
		private boolean affectsStatus;

		public boolean isAffectsStatus() {
			return this.affectsStatus;
		}

		public void setAffectsStatus(boolean affectsStatus) {
			this.affectsStatus = affectsStatus;
		}

	}

}
