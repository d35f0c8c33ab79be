package dev.sluice.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Runs each {@link ProxyTest} once per {@link ServerKind}. The gateway for a test class and server
 * is started on first use and closed with the class.
 */
final class BothServersExtension implements TestTemplateInvocationContextProvider {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BothServersExtension.class);

	@Override
	public boolean supportsTestTemplate(ExtensionContext context) {
		return true;
	}

	@Override
	public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
		return Stream.of(ServerKind.values()).map((server) -> new ServerInvocation(server));
	}

	static Gateway gateway(ExtensionContext context, ServerKind server) {
		Class<?> testClass = context.getRequiredTestClass();
		ExtensionContext classContext = context.getParent().flatMap(ExtensionContext::getParent).orElseThrow();
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(server, (key) -> start(testClass, server), Gateway.class);
	}

	/**
	 * Starts a gateway application for a test class on a server.
	 * @param testClass the class, whose {@link GatewayApp} describes the application
	 * @param server the server
	 * @return the running gateway
	 */
	static Gateway start(Class<?> testClass, ServerKind server) {
		GatewayApp app = testClass.getAnnotation(GatewayApp.class);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		properties.put("spring.main.banner-mode", "off");
		properties.put("upstream.uri", TestUpstream.get().uri());
		properties.putAll(server.properties());
		Class<?>[] configurations = new Class<?>[] { TestGatewayConfiguration.class };
		if (app != null) {
			for (String property : app.properties()) {
				int eq = property.indexOf('=');
				properties.put(property.substring(0, eq), property.substring(eq + 1));
			}
			configurations = Stream.concat(Stream.of(configurations), Stream.of(app.configurations()))
				.toArray(Class<?>[]::new);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(configurations)
			.web(WebApplicationType.REACTIVE)
			.properties(properties)
			.run();
		return new Gateway(server, context);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestGatewayConfiguration {

	}

	private record ServerInvocation(ServerKind server) implements TestTemplateInvocationContext {

		@Override
		public String getDisplayName(int invocationIndex) {
			return "[" + this.server.reportedName() + "]";
		}

		@Override
		public List<Extension> getAdditionalExtensions() {
			return List.of(new ParameterResolver() {

				@Override
				public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
					Class<?> type = parameter.getParameter().getType();
					return type == Gateway.class || type == ServerKind.class;
				}

				@Override
				public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
					if (parameter.getParameter().getType() == ServerKind.class) {
						return ServerInvocation.this.server;
					}
					return gateway(context, ServerInvocation.this.server);
				}

			});
		}

	}

}
