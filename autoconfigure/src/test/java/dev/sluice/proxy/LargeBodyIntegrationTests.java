package dev.sluice.proxy;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.util.internal.PlatformDependent;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB upload and a 1 GiB download pass through the gateway with direct memory bounded; the
 * test JVM's heap (768 MiB) could not hold either body, so they cannot have been aggregated.
 */
@GatewayApp(properties = { "sluice.routes[0].id=up", "sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/**" })
class LargeBodyIntegrationTests {

	private static final long GIB = 1024L * 1024 * 1024;

	private static final long DIRECT_BOUND = 96L * 1024 * 1024;

	@ProxyTest
	void streamsAOneGibDownloadWithBoundedMemory(Gateway gateway) throws Exception {
		try (MemorySampler memory = new MemorySampler()) {
			long crc = gateway.downloadChecksum("/bytes/" + GIB, Duration.ofMinutes(3));
			assertThat(crc).isEqualTo(TestUpstream.crcOf(GIB));
			assertThat(memory.peakDirect()).as("peak direct memory").isLessThan(DIRECT_BOUND);
		}
	}

	@ProxyTest
	void streamsAOneGibUploadWithBoundedMemory(Gateway gateway) throws Exception {
		try (MemorySampler memory = new MemorySampler()) {
			String answer = gateway.uploadForChecksum(GIB, Duration.ofMinutes(3));
			assertThat(answer).isEqualTo(GIB + " " + TestUpstream.crcOf(GIB));
			assertThat(memory.peakDirect()).as("peak direct memory").isLessThan(DIRECT_BOUND);
		}
	}

	/**
	 * Samples direct memory, by Netty's own counter and by the JVM's direct buffer pool, every few
	 * milliseconds while a transfer runs.
	 */
	static final class MemorySampler implements AutoCloseable {

		private final AtomicLong peak = new AtomicLong();

		private final Thread thread;

		private volatile boolean running = true;

		MemorySampler() {
			BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
				.stream()
				.filter((pool) -> pool.getName().equals("direct"))
				.findFirst()
				.orElseThrow();
			this.thread = new Thread(() -> {
				while (this.running) {
					long used = Math.max(PlatformDependent.usedDirectMemory(), direct.getMemoryUsed());
					this.peak.accumulateAndGet(used, Math::max);
					try {
						Thread.sleep(5);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "memory-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		long peakDirect() {
			return this.peak.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join(1000);
		}

	}

}
