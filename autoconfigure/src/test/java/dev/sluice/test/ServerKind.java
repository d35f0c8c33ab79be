package dev.sluice.test;

import java.util.Map;

/**
 * The servers every proxying test runs on, and how a test application is put on each: both server
 * modules are on the test classpath, so Tomcat is chosen by excluding Reactor Netty's server
 * auto-configuration, as removing its starter does in a real application.
 */
public enum ServerKind {

	REACTOR_NETTY("reactor-netty", Map.of()),

	TOMCAT("tomcat", Map.of("spring.autoconfigure.exclude",
			"org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration"));

	private final String reportedName;

	private final Map<String, Object> properties;

	ServerKind(String reportedName, Map<String, Object> properties) {
		this.reportedName = reportedName;
		this.properties = properties;
	}

	/**
	 * Returns the name the gateway reports for this server.
	 * @return the name
	 */
	public String reportedName() {
		return this.reportedName;
	}

	Map<String, Object> properties() {
		return this.properties;
	}

}
