package dev.sluice.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.actuate.GatewayEndpoint;
import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.proxy.WriterStrategy;
import dev.sluice.route.RouteTable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceEndpointAutoConfiguration}, with the gateway it reports on.
 */
class SluiceEndpointAutoConfigurationTests {

	private static final AutoConfigurations GATEWAY = AutoConfigurations.of(SluiceAutoConfiguration.class,
			SluiceHttpClientAutoConfiguration.class, SluiceServerAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceEndpointAutoConfiguration.class))
		.withConfiguration(GATEWAY);

	@Test
	void configuresTheEndpointWhenItIsExposed() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=gateway", "sluice.routes[0].id=users",
					"sluice.routes[0].uri=http://127.0.0.1:9000")
			.run((context) -> {
				assertThat(context).hasSingleBean(GatewayEndpoint.class);
				GatewayEndpoint.GatewayDescriptor gateway = context.getBean(GatewayEndpoint.class).gateway(SecurityContext.NONE);
				assertThat(gateway.routes()).extracting(GatewayEndpoint.RouteDescriptor::id).containsExactly("users");
				assertThat(gateway.writer()).isEqualTo("copy");
			});
	}

	@Test
	void isAbsentWhenTheEndpointIsNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RouteTable.class)
			.doesNotHaveBean(GatewayEndpoint.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheEndpoint() {
		GatewayEndpoint own = new GatewayEndpoint(new RouteTable(List::of, List.of()), (event) -> {
		}, new ResponseWriterSelector(WriterStrategy.AUTO));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=gateway")
			.withBean("ownEndpoint", GatewayEndpoint.class, () -> own)
			.run((context) -> assertThat(context.getBean(GatewayEndpoint.class)).isSameAs(own));
	}

	@Test
	void isAbsentWhenTheGatewayIsDisabled() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=gateway", "sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GatewayEndpoint.class));
	}

	@Test
	void isAbsentWithoutTheActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=gateway")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint.annotation"))
			.run((context) -> assertThat(context).hasSingleBean(RouteTable.class)
				.doesNotHaveBean(GatewayEndpoint.class));
	}

	@Test
	void isAbsentInAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceEndpointAutoConfiguration.class))
			.withConfiguration(GATEWAY)
			.withPropertyValues("management.endpoints.web.exposure.include=gateway")
			.run((context) -> assertThat(context).doesNotHaveBean(GatewayEndpoint.class));
	}

}
