package dev.sluice.autoconfigure;

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
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the route predicate factories beyond Path, each replaceable by a bean of its type.
 */
@AutoConfiguration(before = SluiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "sluice.enabled", matchIfMissing = true)
public final class SluicePredicatesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AfterRoutePredicateFactory afterRoutePredicateFactory() {
		return new AfterRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	BeforeRoutePredicateFactory beforeRoutePredicateFactory() {
		return new BeforeRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	BetweenRoutePredicateFactory betweenRoutePredicateFactory() {
		return new BetweenRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	CookieRoutePredicateFactory cookieRoutePredicateFactory() {
		return new CookieRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	HeaderRoutePredicateFactory headerRoutePredicateFactory() {
		return new HeaderRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	HostRoutePredicateFactory hostRoutePredicateFactory() {
		return new HostRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	MethodRoutePredicateFactory methodRoutePredicateFactory() {
		return new MethodRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	QueryRoutePredicateFactory queryRoutePredicateFactory() {
		return new QueryRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	RemoteAddrRoutePredicateFactory remoteAddrRoutePredicateFactory() {
		return new RemoteAddrRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	WeightRoutePredicateFactory weightRoutePredicateFactory() {
		return new WeightRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	XForwardedRemoteAddrRoutePredicateFactory xForwardedRemoteAddrRoutePredicateFactory() {
		return new XForwardedRemoteAddrRoutePredicateFactory();
	}

}
