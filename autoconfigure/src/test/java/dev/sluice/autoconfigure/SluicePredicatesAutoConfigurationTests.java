package dev.sluice.autoconfigure;

import java.util.List;

import dev.sluice.route.predicate.AfterRoutePredicateFactory;
import dev.sluice.route.predicate.BeforeRoutePredicateFactory;
import dev.sluice.route.predicate.BetweenRoutePredicateFactory;
import dev.sluice.route.predicate.CookieRoutePredicateFactory;
import dev.sluice.route.predicate.HeaderRoutePredicateFactory;
import dev.sluice.route.predicate.HostRoutePredicateFactory;
import dev.sluice.route.predicate.MethodRoutePredicateFactory;
import dev.sluice.route.predicate.QueryRoutePredicateFactory;
import dev.sluice.route.predicate.RemoteAddrRoutePredicateFactory;
import dev.sluice.route.predicate.WeightRoutePredicateFactory;
import dev.sluice.route.predicate.XForwardedRemoteAddrRoutePredicateFactory;

/**
 * Tests for {@link SluicePredicatesAutoConfiguration}.
 */
class SluicePredicatesAutoConfigurationTests extends FactoryAutoConfigurationTests {

	SluicePredicatesAutoConfigurationTests() {
		super(SluicePredicatesAutoConfiguration.class, List.of(
			AfterRoutePredicateFactory.class, BeforeRoutePredicateFactory.class, BetweenRoutePredicateFactory.class,
			CookieRoutePredicateFactory.class, HeaderRoutePredicateFactory.class, HostRoutePredicateFactory.class,
			MethodRoutePredicateFactory.class, QueryRoutePredicateFactory.class,
			RemoteAddrRoutePredicateFactory.class, WeightRoutePredicateFactory.class,
			XForwardedRemoteAddrRoutePredicateFactory.class));
	}

}
