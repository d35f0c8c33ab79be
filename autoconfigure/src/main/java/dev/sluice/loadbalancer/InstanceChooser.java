package dev.sluice.loadbalancer;

import java.net.URI;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;

/**
 * Asks a service's balancer for an instance, and asks again while the answer is one the exchange
 * has already tried or one that outlier detection has ejected. The balancer keeps its own
 * algorithm: with round-robin, {@code n} asks in a row name {@code n} different instances, so
 * one ask more than the instances to avoid finds another one whenever it exists. When none does,
 * the best answer stands: an instance tried before rather than an ejected one.
 */
final class InstanceChooser {

	/** The most asks for one attempt, however many instances there are to avoid. */
	static final int MAX_ASKS = 8;

	private final InstanceStates states;

	InstanceChooser(InstanceStates states) {
		this.states = states;
	}

	/**
	 * Chooses an instance.
	 * @param service the service id
	 * @param balancer the service's balancer
	 * @param request the request the balancer chooses for
	 * @param tried base URIs of the instances the exchange has tried
	 * @return the instance, or empty when the service has none
	 */
	Mono<ServiceInstance> choose(String service, ReactiveLoadBalancer<ServiceInstance> balancer, Request<?> request,
			Set<String> tried) {
		int asks = Math.min(MAX_ASKS, 1 + tried.size() + this.states.ejectedCount(service));
		return ask(service, balancer, request, tried, asks, null);
	}

	private Mono<ServiceInstance> ask(String service, ReactiveLoadBalancer<ServiceInstance> balancer,
			Request<?> request, Set<String> tried, int remaining, @Nullable Candidate best) {
		return Mono.from(balancer.choose(request))
			.filter(Response::hasServer)
			.map(Response::getServer)
			.flatMap((instance) -> {
				String uri = baseUri(instance).toString();
				this.states.seen(service, uri);
				Candidate candidate = new Candidate(instance, this.states.ejected(service, uri), tried.contains(uri));
				Candidate better = (best == null || candidate.rank() < best.rank()) ? candidate : best;
				if (candidate.rank() == 0 || remaining <= 1) {
					return Mono.just(better.instance());
				}
				return ask(service, balancer, request, tried, remaining - 1, better);
			})
			.switchIfEmpty(Mono.defer(() -> (best != null) ? Mono.just(best.instance()) : Mono.empty()));
	}

	/**
	 * Returns where an instance is reached: {@code https} when the instance says it is secure.
	 * @param instance the instance
	 * @return the scheme and authority, such as {@code http://10.0.0.7:8080}
	 */
	static URI baseUri(ServiceInstance instance) {
		String scheme = instance.isSecure() ? "https" : "http";
		String host = instance.getHost();
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		int port = instance.getPort();
		return URI.create(scheme + "://" + host + ((port >= 0) ? ":" + port : ""));
	}

	private record Candidate(ServiceInstance instance, boolean ejected, boolean tried) {

		int rank() {
			return (this.ejected ? 2 : 0) + (this.tried ? 1 : 0);
		}

	}

}
