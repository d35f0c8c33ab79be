package dev.sluice.loadbalancer;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The attempts one exchange has made on one {@code lb://} route: how many, the instances they went
 * to, and the last of them. Attempts run one after another (a retry starts after the previous
 * attempt ended), so no lock is needed.
 */
final class Attempts {

	private final Set<String> tried = new LinkedHashSet<>();

	private int count;

	private @Nullable ServiceInstance last;

	int count() {
		return this.count;
	}

	Set<String> tried() {
		return Set.copyOf(this.tried);
	}

	@Nullable ServiceInstance last() {
		return this.last;
	}

	String describeTried() {
		return String.join(", ", this.tried);
	}

	void record(ServiceInstance instance, String uri) {
		this.count++;
		this.tried.add(uri);
		this.last = instance;
	}

}
