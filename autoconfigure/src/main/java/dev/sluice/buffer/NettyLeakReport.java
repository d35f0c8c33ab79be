package dev.sluice.buffer;

import java.time.Instant;

/**
 * A leak reported by Netty's {@code ResourceLeakDetector}: a tracked buffer became unreachable
 * without having been released.
 *
 * @param reportedAt when Netty reported it
 * @param resourceType the type of the leaked resource, such as {@code ByteBuf}
 * @param records the access records Netty kept (more of them at higher detection levels)
 */
public record NettyLeakReport(Instant reportedAt, String resourceType, String records) {
}
