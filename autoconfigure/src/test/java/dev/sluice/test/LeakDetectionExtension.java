package dev.sluice.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.sluice.buffer.NettyLeakReports;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Fails any test during which Netty reports a leaked buffer. Registered for every test of the
 * module (service loader); runs Netty's detector at {@code paranoid}, so every buffer is tracked,
 * and after each test collects garbage until the detector has looked at what became unreachable.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();

	static {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		// The same recorder the gateway uses: Netty's detector takes one listener per JVM.
		NettyLeakReports.get().addListener((report) -> REPORTS.add("LEAK of " + report.resourceType() + ":\n"
				+ report.records()));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
			throw new IllegalStateException("Netty leak detection must be paranoid in tests but is "
					+ ResourceLeakDetector.getLevel());
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws InterruptedException {
		boolean expected = leaksExpected(context);
		check(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
				+ " " + context.getDisplayName(), expected);
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		boolean expected = AnnotatedElementUtils.hasAnnotation(context.getRequiredTestClass(), ExpectLeaks.class);
		check("the tests of " + context.getRequiredTestClass().getSimpleName()
				+ " (found after the last one ended)", expected);
	}

	/**
	 * Returns whether the current test, or its class, is marked {@link ExpectLeaks}.
	 * @param context the test's context
	 * @return whether it leaks on purpose
	 */
	static boolean leaksExpected(ExtensionContext context) {
		return context.getTestMethod()
			.map((method) -> AnnotatedElementUtils.hasAnnotation(method, ExpectLeaks.class)
					|| AnnotatedElementUtils.hasAnnotation(method.getDeclaringClass(), ExpectLeaks.class))
			.orElse(false);
	}

	private static void check(String during, boolean expected) throws InterruptedException {
		List<String> reports = collect();
		if (!reports.isEmpty() && !expected) {
			String first = reports.get(0);
			throw new AssertionError(reports.size() + " Netty leak report(s) during " + during + ":\n"
					+ first.substring(0, Math.min(first.length(), 6000)));
		}
	}

	/**
	 * Makes unreachable buffers visible to Netty's detector and returns what it reported since
	 * the last call.
	 * @return the reports
	 * @throws InterruptedException if interrupted while waiting for the collector
	 */
	public static List<String> collect() throws InterruptedException {
		for (int round = 0; round < 3; round++) {
			System.gc();
			Thread.sleep(40);
			ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(8);
			probe.release();
			ByteBuf heapProbe = ByteBufAllocator.DEFAULT.heapBuffer(8);
			heapProbe.release();
		}
		List<String> reports = new ArrayList<>();
		for (String report = REPORTS.poll(); report != null; report = REPORTS.poll()) {
			reports.add(report);
		}
		return reports;
	}

}
