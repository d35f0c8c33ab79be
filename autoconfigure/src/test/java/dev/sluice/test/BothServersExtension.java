package dev.sluice.test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import dev.sluice.buffer.BufferLedger;



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
		return classStore(context).computeIfAbsent(server, (key) -> start(testClass, server), Gateway.class);
	}

	private static ExtensionContext.Store classStore(ExtensionContext context) {
		ExtensionContext classContext = context.getParent().flatMap(ExtensionContext::getParent).orElseThrow();
		return classContext.getStore(NAMESPACE);
	}

	/**
	 * Fails the test if the gateway's ledger still counts outstanding buffers once its exchanges
	 * have had a moment to finish.
	 */
	private static void assertNoBuffersOutstanding(ExtensionContext context, ServerKind server)
			throws InterruptedException {
		boolean expectLeaks = LeakDetectionExtension.leaksExpected(context);
		Gateway gateway = classStore(context).get(server, Gateway.class);
		if (expectLeaks || gateway == null) {
			return;
		}
		BufferLedger ledger = gateway.context().getBeanProvider(BufferLedger.class).getIfAvailable();
		if (ledger == null) {
			return;
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (ledger.totals().outstanding() != 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(ledger.totals().outstanding() + " buffer(s) still outstanding in the ledger after "
						+ context.getDisplayName() + ": " + ledger.outstanding(10));
			}
			Thread.sleep(10);
		}
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
			AfterEachCallback ledgerCheck = (context) -> assertNoBuffersOutstanding(context, this.server);
			return List.of(ledgerCheck, new ParameterResolver() {

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
