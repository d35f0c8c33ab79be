package dev.sluice.buffer;

import io.netty.util.ResourceLeakDetector;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies {@code sluice.buffers.leak-detection} and starts capturing Netty's leak reports before
 * the application context, and so before any gateway buffer, exists. Works on every server: Spring
 * Boot's own {@code spring.netty.leak-detection} is gone when Reactor Netty's server module is.
 */
class LeakDetectionEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String LEVEL_PROPERTY = "sluice.buffers.leak-detection";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("sluice.enabled", Boolean.class).orElse(true)) {
			return;
		}
		binder.bind(LEVEL_PROPERTY, ResourceLeakDetector.Level.class).ifBound(ResourceLeakDetector::setLevel);
		NettyLeakReports reports = NettyLeakReports.get();
		binder.bind("sluice.buffers.max-reports", Integer.class).ifBound(reports::setCapacity);
	}

}
