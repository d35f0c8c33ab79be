package dev.sluice.server;

import java.util.List;

/**
 * The web server the application actually runs on, recognized from the server factory that
 * created it or from the server itself, never from classes that happen to be on the classpath.
 *
 * @param name the server's name as reported: {@code reactor-netty}, {@code tomcat}, {@code jetty},
 * or the class name of an unknown server
 * @param servlet whether it is a Servlet container, which cannot release Netty buffers itself
 */
public record RunningServer(String name, boolean servlet) {

	/** Before a server started, or in an application without one. */
	public static final RunningServer NONE = new RunningServer("none", false);

	private static final List<Known> KNOWN = List.of(
			new Known("reactor-netty", false, "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
					"org.springframework.boot.reactor.netty.NettyWebServer"),
			new Known("tomcat", true, "org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory",
					"org.springframework.boot.tomcat.TomcatWebServer"),
			new Known("jetty", true, "org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory",
					"org.springframework.boot.jetty.JettyWebServer"));

	/**
	 * Recognizes a server from its factory or from the server object.
	 * @param factoryOrServer a {@code ReactiveWebServerFactory} or a {@code WebServer}
	 * @return the server; an unknown one is treated as a Servlet container, the safe choice
	 */
	public static RunningServer of(Object factoryOrServer) {
		for (Class<?> type = factoryOrServer.getClass(); type != null; type = type.getSuperclass()) {
			for (Known known : KNOWN) {
				if (known.factoryClass().equals(type.getName()) || known.serverClass().equals(type.getName())) {
					return new RunningServer(known.name(), known.servlet());
				}
			}
		}
		return new RunningServer(factoryOrServer.getClass().getName(), true);
	}

	private record Known(String name, boolean servlet, String factoryClass, String serverClass) {
	}

}
