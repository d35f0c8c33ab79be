package dev.sluice.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sluice.proxy.UpstreamTls;
import dev.sluice.route.RouteTable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Warns once at startup that {@code sluice.http-client.ssl.use-insecure-trust-manager} is on,
 * naming the routes whose upstream certificates and host names go unchecked.
 */
final class InsecureTrustWarning implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(InsecureTrustWarning.class);

	private final RouteTable routes;

	private final UpstreamTls tls;

	InsecureTrustWarning(RouteTable routes, UpstreamTls tls) {
		this.routes = routes;
		this.tls = tls;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> unverified = this.tls.unverifiedRoutes(this.routes.routes());
		logger.warn("sluice.http-client.ssl.use-insecure-trust-manager is true: upstream certificates and host names "
				+ "are not checked, which is for development only. Routes affected: "
				+ (unverified.isEmpty() ? "none yet (every https:// and wss:// route will be)" : String.join(", ", unverified)));
	}

}
