package dev.sluice.autoconfigure;

import java.util.List;

import dev.sluice.filter.factory.AddRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.AddRequestHeadersIfNotPresentGatewayFilterFactory;
import dev.sluice.filter.factory.AddResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.DedupeResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.MapRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.PreserveHostHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RewriteLocationResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.RewriteResponseHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SecureHeadersGatewayFilterFactory;
import dev.sluice.filter.factory.SetRequestHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SetRequestHostHeaderGatewayFilterFactory;
import dev.sluice.filter.factory.SetResponseHeaderGatewayFilterFactory;

/**
 * Tests for {@link SluiceHeaderFiltersAutoConfiguration}.
 */
class SluiceHeaderFiltersAutoConfigurationTests extends FactoryAutoConfigurationTests {

	SluiceHeaderFiltersAutoConfigurationTests() {
		super(SluiceHeaderFiltersAutoConfiguration.class, List.of(
			AddRequestHeaderGatewayFilterFactory.class, AddRequestHeadersIfNotPresentGatewayFilterFactory.class,
			AddResponseHeaderGatewayFilterFactory.class, DedupeResponseHeaderGatewayFilterFactory.class,
			MapRequestHeaderGatewayFilterFactory.class, PreserveHostHeaderGatewayFilterFactory.class,
			RemoveRequestHeaderGatewayFilterFactory.class, RemoveResponseHeaderGatewayFilterFactory.class,
			RewriteLocationResponseHeaderGatewayFilterFactory.class,
			RewriteResponseHeaderGatewayFilterFactory.class, SetRequestHeaderGatewayFilterFactory.class,
			SetRequestHostHeaderGatewayFilterFactory.class, SetResponseHeaderGatewayFilterFactory.class,
			SecureHeadersGatewayFilterFactory.class));
	}

}
