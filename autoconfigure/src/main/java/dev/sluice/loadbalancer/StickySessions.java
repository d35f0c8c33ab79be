package dev.sluice.loadbalancer;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud LoadBalancer's sticky sessions, as Spring Cloud Gateway's
 * {@code LoadBalancerServiceInstanceCookieFilter} offers them: with
 * {@code spring.cloud.loadbalancer.sticky-session.add-service-instance-cookie=true}, the request
 * sent upstream carries a cookie naming the chosen instance
 * ({@code spring.cloud.loadbalancer.sticky-session.instance-id-cookie-name}, {@code sc-lb-instance-id}
 * by default). The request-based sticky-session instance supplier
 * ({@code spring.cloud.loadbalancer.configurations=request-based-sticky-session}) then sends a
 * client that returns the cookie to the same instance. A request that already names the chosen
 * instance is left as it is, so the cookie is not sent twice.
 */
final class StickySessions {

	private StickySessions() {
	}

	static ServerWebExchange withInstanceCookie(ServerWebExchange exchange,
			@Nullable LoadBalancerProperties properties, ServiceInstance instance) {
		if (properties == null || !properties.getStickySession().isAddServiceInstanceCookie()) {
			return exchange;
		}
		String name = properties.getStickySession().getInstanceIdCookieName();
		String id = instance.getInstanceId();
		if (!StringUtils.hasText(name) || !StringUtils.hasText(id)) {
			return exchange;
		}
		HttpCookie sent = exchange.getRequest().getCookies().getFirst(name);
		if (sent != null && id.equals(sent.getValue())) {
			return exchange;
		}
		String cookie = name + "=" + id;
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			String existing = headers.getFirst(HttpHeaders.COOKIE);
			headers.set(HttpHeaders.COOKIE, StringUtils.hasText(existing) ? existing + "; " + cookie : cookie);
		})).build();
	}

}
