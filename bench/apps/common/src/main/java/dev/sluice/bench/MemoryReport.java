package dev.sluice.bench;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

/**
 * The memory figures every JVM bench target serves on {@code GET /bench/memory}: Netty's own
 * direct-memory counter, the default allocator's used memory, and the JVM's direct buffer pool.
 * Compiled into each bench app, so no target depends on another.
 */
public final class MemoryReport {

	private MemoryReport() {
	}

	/**
	 * Reads the figures as one JSON object.
	 * @param gc whether to run a full GC first, so that buffers only a cleaner would free are gone
	 * @return the JSON text
	 */
	public static String json(boolean gc) {
		if (gc) {
			System.gc();
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			System.gc();
		}
		long jvmDirectUsed = -1;
		long jvmDirectCount = -1;
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if ("direct".equals(pool.getName())) {
				jvmDirectUsed = pool.getMemoryUsed();
				jvmDirectCount = pool.getCount();
			}
		}
		ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
		long allocatorDirect = -1;
		long allocatorHeap = -1;
		if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
			ByteBufAllocatorMetric metric = provider.metric();
			allocatorDirect = metric.usedDirectMemory();
			allocatorHeap = metric.usedHeapMemory();
		}
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		return "{\"nettyUsedDirect\":" + PlatformDependent.usedDirectMemory()
				+ ",\"nettyMaxDirect\":" + PlatformDependent.maxDirectMemory()
				+ ",\"allocator\":\"" + allocator.getClass().getSimpleName() + "\""
				+ ",\"allocatorUsedDirect\":" + allocatorDirect
				+ ",\"allocatorUsedHeap\":" + allocatorHeap
				+ ",\"jvmDirectUsed\":" + jvmDirectUsed
				+ ",\"jvmDirectCount\":" + jvmDirectCount
				+ ",\"heapUsed\":" + memory.getHeapMemoryUsage().getUsed()
				+ "}";
	}

}
