package dev.sluice.route.predicate;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.arguments.InvalidArgumentException;
import dev.sluice.route.RoutePredicate;
import dev.sluice.route.RoutePredicateFactory;

import org.springframework.web.server.ServerWebExchange;

/**
 * Splits traffic between the routes of a group by weight: with {@code Weight=group1,8} on one
 * route and {@code Weight=group1,2} on another, about 80% of requests take the first. Each
 * exchange draws one number per group, so exactly one route of the group can match it.
 * <p>
 * Members are kept by the property that declares them; a reload replaces them, and a member whose
 * route is gone stops counting once its route has been collected.
 */
public class WeightRoutePredicateFactory implements RoutePredicateFactory<WeightRoutePredicateFactory.Config> {

	private static final String DRAW_ATTRIBUTE_PREFIX = WeightRoutePredicateFactory.class.getName() + ".draw.";

	private final Map<String, Map<String, WeakReference<Member>>> groups = new ConcurrentHashMap<>();

	private final AtomicLong unnamed = new AtomicLong();

	/**
	 * Creates a member that no later definition replaces, for a definition without a property.
	 */
	@Override
	public RoutePredicate create(Config config) {
		return create("unnamed-" + this.unnamed.incrementAndGet(), config);
	}

	@Override
	public RoutePredicate create(String property, Config config) {
		String group = config.group();
		int weight = config.weight();
		if (weight < 0) {
			throw new InvalidArgumentException("weight", "weight must not be negative but was " + weight);
		}
		Member member = new Member(group, weight);
		Map<String, WeakReference<Member>> members = this.groups.computeIfAbsent(group,
				(key) -> new ConcurrentHashMap<>());
		members.put(property, new WeakReference<>(member));
		return (exchange) -> selected(exchange, member);
	}

	private boolean selected(ServerWebExchange exchange, Member member) {
		Map<String, WeakReference<Member>> members = this.groups.get(member.group());
		Map<String, Member> live = new TreeMap<>();
		members.forEach((property, reference) -> {
			Member candidate = reference.get();
			if (candidate == null) {
				members.remove(property, reference);
			}
			else {
				live.put(property, candidate);
			}
		});
		long total = live.values().stream().mapToLong(Member::weight).sum();
		if (total == 0) {
			return false;
		}
		double draw = exchange.getAttributes()
			.computeIfAbsent(DRAW_ATTRIBUTE_PREFIX + member.group(), (key) -> ThreadLocalRandom.current().nextDouble())
			instanceof Double value ? value : 0;
		double point = draw * total;
		long start = 0;
		for (Member candidate : live.values()) {
			long end = start + candidate.weight();
			if (point >= start && point < end) {
				return candidate == member;
			}
			start = end;
		}
		return false;
	}

	/**
	 * Arguments of Weight.
	 *
	 * @param group the group whose routes share the traffic
	 * @param weight this route's share, relative to the others of the group
	 */
	public record Config(String group, int weight) {

	}

	private record Member(String group, int weight) {

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
