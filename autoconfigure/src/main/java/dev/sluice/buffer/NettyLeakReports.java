package dev.sluice.buffer;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.util.ResourceLeakDetector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Captures the leak reports of Netty's buffer leak detector, which is one per JVM and created when
 * Netty's buffer classes are first loaded. Netty still logs each report; this keeps the last few
 * for the actuator endpoint and tells listeners, such as the leak counter. Netty reports an
 * identical trace only once per JVM.
 */
public final class NettyLeakReports {

	private static final Log logger = LogFactory.getLog(NettyLeakReports.class);

	private static final NettyLeakReports INSTANCE = new NettyLeakReports();

	private final RecentRecords<NettyLeakReport> reports = new RecentRecords<>(100);

	private volatile boolean installed;

	private NettyLeakReports() {
	}

	/**
	 * Returns the recorder, installing it on Netty's buffer leak detector on first use.
	 * @return the recorder
	 */
	public static NettyLeakReports get() {
		INSTANCE.install();
		return INSTANCE;
	}

	private synchronized void install() {
		if (this.installed) {
			return;
		}
		this.installed = true;
		ResourceLeakDetector<ByteBuf> detector = byteBufLeakDetector();
		if (detector == null) {
			logger.warn("Netty's buffer leak detector is out of reach; its reports will only be logged");
			return;
		}
		detector.setLeakListener(this::record);
	}

	public void setCapacity(int capacity) {
		this.reports.setCapacity(capacity);
	}

	public List<NettyLeakReport> reports() {
		return this.reports.snapshot();
	}

	public void clear() {
		this.reports.clear();
	}

	/**
	 * Registers a callback for each report.
	 * @param listener the callback
	 * @return a handle that unregisters it
	 */
	public Runnable addListener(Consumer<NettyLeakReport> listener) {
		return this.reports.addListener(listener);
	}

	private void record(String resourceType, String records) {
		this.reports.add(new NettyLeakReport(Instant.now(), resourceType, records));
	}

	@SuppressWarnings("unchecked")
	private static @Nullable ResourceLeakDetector<ByteBuf> byteBufLeakDetector() {
		// Netty keeps the detector in a package-private static field and offers no getter.
		try {
			Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
			field.setAccessible(true);
			return (ResourceLeakDetector<ByteBuf>) field.get(null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
