package dev.sluice.autoconfigure;

import java.util.List;

import dev.sluice.filter.factory.AddRequestParameterGatewayFilterFactory;
import dev.sluice.filter.factory.RedirectToGatewayFilterFactory;
import dev.sluice.filter.factory.RemoveRequestParameterGatewayFilterFactory;
import dev.sluice.filter.factory.RequestHeaderSizeGatewayFilterFactory;
import dev.sluice.filter.factory.RequestSizeGatewayFilterFactory;
import dev.sluice.filter.factory.RetryGatewayFilterFactory;
import dev.sluice.filter.factory.RewritePathGatewayFilterFactory;
import dev.sluice.filter.factory.SetPathGatewayFilterFactory;
import dev.sluice.filter.factory.SetStatusGatewayFilterFactory;

/**
 * Tests for {@link SluiceRequestFiltersAutoConfiguration}.
 */
class SluiceRequestFiltersAutoConfigurationTests extends FactoryAutoConfigurationTests {

	SluiceRequestFiltersAutoConfigurationTests() {
		super(SluiceRequestFiltersAutoConfiguration.class, List.of(
			AddRequestParameterGatewayFilterFactory.class, RedirectToGatewayFilterFactory.class,
			RemoveRequestParameterGatewayFilterFactory.class, RequestHeaderSizeGatewayFilterFactory.class,
			RequestSizeGatewayFilterFactory.class, RetryGatewayFilterFactory.class,
			RewritePathGatewayFilterFactory.class, SetPathGatewayFilterFactory.class,
			SetStatusGatewayFilterFactory.class));
	}

}
