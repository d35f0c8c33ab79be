package dev.sluice.loadbalancer;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.sluice.route.RouteCompiler;

/**
 * What the gateway knows of each instance it has sent a service's requests to: the outcome of the
 * last attempt, failures in a row and, when passive outlier detection has ejected the instance,
 * until when. An instance is keyed by its base URI ({@code http://host:port}).
 */
public final class InstanceStates {

	private static final Log logger = LogFactory.getLog(InstanceStates.class);

	private final OutlierDetection detection;

	private final LongSupplier nanoTime;

	private final Map<String, Map<String, State>> services = new ConcurrentHashMap<>();

	public InstanceStates(OutlierDetection detection) {
		this(detection, System::nanoTime);
	}

	InstanceStates(OutlierDetection detection, LongSupplier nanoTime) {
		this.detection = detection;
		this.nanoTime = nanoTime;
	}

	/**
	 * Returns whether an instance is ejected now; one whose ejection time has passed is admitted
	 * again, with its failures forgotten.
	 * @param service the service id
	 * @param instance the instance's base URI
	 * @return whether to skip the instance
	 */
	boolean ejected(String service, String instance) {
		State state = state(service, instance);
		synchronized (state) {
			if (state.ejectedUntil == 0) {
				return false;
			}
			if (this.nanoTime.getAsLong() - state.ejectedUntil < 0) {
				return true;
			}
			state.ejectedUntil = 0;
			state.failures = 0;
		}
		logger.info("Service '" + service + "': instance " + instance + " re-admitted after its ejection time");
		return false;
	}

	int ejectedCount(String service) {
		Map<String, State> instances = this.services.get(service);
		if (instances == null) {
			return 0;
		}
		long now = this.nanoTime.getAsLong();
		int count = 0;
		for (State state : instances.values()) {
			synchronized (state) {
				if (state.ejectedUntil != 0 && now - state.ejectedUntil < 0) {
					count++;
				}
			}
		}
		return count;
	}

	void succeeded(String service, String instance) {
		State state = state(service, instance);
		synchronized (state) {
			state.failures = 0;
			state.lastOutcome = "success";
		}
	}

	void failed(String service, String instance) {
		State state = state(service, instance);
		boolean eject;
		synchronized (state) {
			state.failures++;
			state.lastOutcome = "failure";
			eject = this.detection.enabled() && state.ejectedUntil == 0
					&& state.failures >= this.detection.consecutiveFailures();
		}
		if (eject && mayEject(service)) {
			synchronized (state) {
				state.ejectedUntil = this.nanoTime.getAsLong() + this.detection.ejectionTime().toNanos();
				if (state.ejectedUntil == 0) {
					state.ejectedUntil = 1;
				}
			}
			logger.info("Service '" + service + "': instance " + instance + " ejected for "
					+ this.detection.ejectionTime() + " after " + this.detection.consecutiveFailures()
					+ " failures in a row");
		}
	}

	private boolean mayEject(String service) {
		int known = this.services.getOrDefault(service, Map.of()).size();
		int allowed = Math.max(1, (int) Math.floor(known * this.detection.maxEjectedShare()));
		return ejectedCount(service) < allowed;
	}

	void seen(String service, String instance) {
		state(service, instance);
	}

	private State state(String service, String instance) {
		return this.services.computeIfAbsent(service, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(instance, (key) -> new State());
	}

	/**
	 * Returns the instances of one service the gateway has resolved, and their state.
	 * @param service the service id
	 * @return the instances, sorted by URI; empty before the first request
	 */
	public List<InstanceState> of(String service) {
		return snapshot().getOrDefault(service, List.of());
	}

	/**
	 * Returns the service an {@code lb://service-id} route URI names.
	 * @param uri the route's URI
	 * @return the service id, or {@code null} when the URI is not {@code lb://}, {@code lb:ws://}
	 * or {@code lb:wss://}
	 */
	public static @Nullable String serviceId(URI uri) {
		if (!"lb".equalsIgnoreCase(uri.getScheme())) {
			return null;
		}
		URI service = RouteCompiler.serviceUri(uri);
		if (service == null) {
			return null;
		}
		String host = service.getHost();
		return (host != null && !host.isEmpty()) ? host : service.getRawAuthority();
	}

	/**
	 * Returns the instances of each service the gateway has resolved, and their state.
	 * @return the instances by service id, sorted by URI
	 */
	public Map<String, List<InstanceState>> snapshot() {
		long now = this.nanoTime.getAsLong();
		Map<String, List<InstanceState>> snapshot = new TreeMap<>();
		this.services.forEach((service, instances) -> snapshot.put(service, instances.entrySet().stream().map((entry) -> {
			State state = entry.getValue();
			synchronized (state) {
				boolean ejected = state.ejectedUntil != 0 && now - state.ejectedUntil < 0;
				return new InstanceState(entry.getKey(), state.lastOutcome, state.failures,
						ejected ? Duration.ofNanos(state.ejectedUntil - now) : null);
			}
		}).sorted(Comparator.comparing(InstanceState::uri)).toList()));
		return snapshot;
	}

	/**
	 * One instance as the gateway last saw it.
	 *
	 * @param uri the instance's base URI
	 * @param lastOutcome {@code success}, {@code failure}, or {@code null} before any attempt ended
	 * @param consecutiveFailures failures in a row
	 * @param ejectedFor how long the instance stays ejected, or {@code null} when it is not
	 */
	public record InstanceState(String uri, @Nullable String lastOutcome,
			int consecutiveFailures, @Nullable Duration ejectedFor) {
	}

	private static final class State {

		private int failures;

		private long ejectedUntil;

		private @Nullable String lastOutcome;

	}

}
