package dev.sluice.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InstanceChooser} and {@link InstanceStates}, with a round-robin balancer over
 * fixed instances and a clock the test moves.
 */
class InstanceChooserTests {

	private static final ServiceInstance A = new DefaultServiceInstance("a", "svc", "10.0.0.1", 8080, false);

	private static final ServiceInstance B = new DefaultServiceInstance("b", "svc", "10.0.0.2", 8080, false);

	private static final ServiceInstance C = new DefaultServiceInstance("c", "svc", "10.0.0.3", 8443, true);

	private final AtomicLong now = new AtomicLong();

	private final InstanceStates states = new InstanceStates(new OutlierDetection(true, 2, Duration.ofSeconds(10), 0.5),
			this.now::get);

	private final InstanceChooser chooser = new InstanceChooser(this.states);

	@Test
	void reachesASecureInstanceOverHttps() {
		assertThat(InstanceChooser.baseUri(C)).hasToString("https://10.0.0.3:8443");
		assertThat(InstanceChooser.baseUri(A)).hasToString("http://10.0.0.1:8080");
	}

	@Test
	void asksAgainForAnInstanceNotTriedYet() {
		RoundRobin balancer = new RoundRobin(A, B, C);
		assertThat(choose(balancer, Set.of("http://10.0.0.1:8080", "http://10.0.0.2:8080"))).isSameAs(C);
		assertThat(balancer.asks.get()).isEqualTo(3);
	}

	@Test
	void takesATriedInstanceWhenNoOtherExists() {
		RoundRobin balancer = new RoundRobin(A);
		assertThat(choose(balancer, Set.of("http://10.0.0.1:8080"))).isSameAs(A);
		assertThat(balancer.asks.get()).isEqualTo(2);
	}

	@Test
	void skipsAnEjectedInstanceUntilItsEjectionTimeHasPassed() {
		RoundRobin balancer = new RoundRobin(A, B);
		this.states.seen("svc", "http://10.0.0.2:8080");
		this.states.failed("svc", "http://10.0.0.1:8080");
		this.states.failed("svc", "http://10.0.0.1:8080");
		for (int i = 0; i < 4; i++) {
			assertThat(choose(balancer, Set.of())).isSameAs(B);
		}
		this.now.addAndGet(Duration.ofSeconds(10).toNanos());
		assertThat(List.of(choose(balancer, Set.of()), choose(balancer, Set.of()))).containsExactlyInAnyOrder(A, B);
	}

	@Test
	void ejectsNoMoreThanItsShareButAlwaysOne() {
		this.states.failed("svc", "http://10.0.0.1:8080");
		this.states.failed("svc", "http://10.0.0.1:8080");
		this.states.failed("svc", "http://10.0.0.2:8080");
		this.states.failed("svc", "http://10.0.0.2:8080");
		Map<String, List<InstanceStates.InstanceState>> snapshot = this.states.snapshot();
		assertThat(snapshot.get("svc")).extracting(InstanceStates.InstanceState::ejectedFor)
			.containsExactly(Duration.ofSeconds(10), null);
	}

	@Test
	void completesEmptyWhenTheServiceHasNoInstances() {
		assertThat(choose(new RoundRobin(), Set.of())).isNull();
	}

	private ServiceInstance choose(RoundRobin balancer, Set<String> tried) {
		return this.chooser.choose("svc", balancer, new DefaultRequest<>(), tried).block(Duration.ofSeconds(5));
	}

	private static final class RoundRobin implements ReactiveLoadBalancer<ServiceInstance> {

		private final List<ServiceInstance> instances;

		private final AtomicInteger asks = new AtomicInteger();

		RoundRobin(ServiceInstance... instances) {
			this.instances = List.of(instances);
		}

		@Override
		public Mono<Response<ServiceInstance>> choose(Request request) {
			int ask = this.asks.getAndIncrement();
			return Mono.just(this.instances.isEmpty() ? new EmptyResponse()
					: new DefaultResponse(this.instances.get(ask % this.instances.size())));
		}

	}

}
