package dev.sluice.actuate;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;

/**
 * Where pooled memory stands: the allocator Netty uses and what it holds, Netty's own direct
 * memory counter, and the JVM's direct buffer pool. Netty's counter is the one to watch: after a
 * garbage collection the JVM's figure falls back while leaked buffers keep Netty's at its limit.
 *
 * @param allocator the default allocator's class, such as {@code AdaptiveByteBufAllocator}
 * @param allocatorUsedDirect direct memory the allocator holds, or -1 if it does not say
 * @param allocatorUsedHeap heap memory the allocator holds, or -1 if it does not say
 * @param arenas arena figures of a pooled allocator, or {@code null} for another allocator
 * @param nettyUsedDirect Netty's direct memory counter, or -1 when Netty does not count
 * @param nettyMaxDirect the limit Netty's counter runs against
 * @param jvmDirectPool the JVM's direct buffer pool
 */
public record MemoryFigures(String allocator, long allocatorUsedDirect, long allocatorUsedHeap, @Nullable Arenas arenas,
		long nettyUsedDirect, long nettyMaxDirect, BufferPool jvmDirectPool) {

	/**
	 * Reads the figures now.
	 * @return the figures
	 */
	public static MemoryFigures now() {
		ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
		long usedDirect = -1;
		long usedHeap = -1;
		@Nullable Arenas arenas = null;
		if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
			ByteBufAllocatorMetric metric = provider.metric();
			usedDirect = metric.usedDirectMemory();
			usedHeap = metric.usedHeapMemory();
			if (metric instanceof PooledByteBufAllocatorMetric pooled) {
				arenas = new Arenas(pooled.numDirectArenas(), pooled.numHeapArenas(), pooled.chunkSize(),
						pooled.numThreadLocalCaches());
			}
		}
		return new MemoryFigures(allocator.getClass().getSimpleName(), usedDirect, usedHeap, arenas,
				PlatformDependent.usedDirectMemory(), PlatformDependent.maxDirectMemory(), BufferPool.direct());
	}

	/**
	 * Arena figures of Netty's pooled allocator.
	 *
	 * @param direct number of direct arenas
	 * @param heap number of heap arenas
	 * @param chunkSize size of a chunk
	 * @param threadLocalCaches number of thread-local caches
	 */
	public record Arenas(int direct, int heap, int chunkSize, int threadLocalCaches) {
	}

	/**
	 * A JVM buffer pool.
	 *
	 * @param count number of buffers
	 * @param used memory used
	 * @param capacity total capacity
	 */
	public record BufferPool(long count, long used, long capacity) {

		static BufferPool direct() {
			for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
				if ("direct".equals(pool.getName())) {
					return new BufferPool(pool.getCount(), pool.getMemoryUsed(), pool.getTotalCapacity());
				}
			}
			return new BufferPool(-1, -1, -1);
		}

	}

}
