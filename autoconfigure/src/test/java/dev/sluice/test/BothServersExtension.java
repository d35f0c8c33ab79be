package dev.sluice.test;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;


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

	static Gateway start(Class<?> testClass, ServerKind server) {
		GatewayApp app = testClass.getAnnotation(GatewayApp.class);
		return (app != null) ? Gateway.start(server, app.properties(), app.configurations())
				: Gateway.start(server, new String[0]);
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
