package dev.sluice.server.servlet;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Mono;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.ServerKind;
import dev.sluice.test.TestUpstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Tomcat, request bodies are read through a {@link SerializedReadInputStream}; uploads that
 * used to stall when the container's wake-up fell inside a read now pass one after another.
 */
@GatewayApp(properties = { "sluice.routes[0].id=up", "sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/**" }, configurations = SerializedReadIntegrationTests.Capture.class)
class SerializedReadIntegrationTests {

	private static final long UPLOAD = 96L * 1024 * 1024;

	private static final int UPLOADS = 10;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@ProxyTest
	void readsServletRequestBodiesThroughTheSerializedStream(Gateway gateway, ServerKind server) {
		String answer = gateway.uploadForChecksum(1024, TIMEOUT);
		assertThat(answer).isEqualTo("1024 " + TestUpstream.crcOf(1024));
		String stream = gateway.bean(Capture.class).streamType.get();
		assertThat(stream).isEqualTo((server == ServerKind.TOMCAT) ? SerializedReadInputStream.class.getName() : "none");
	}

	@ProxyTest
	void passesSuccessiveLargeUploads(Gateway gateway) {
		for (int i = 0; i < UPLOADS; i++) {
			assertThat(gateway.uploadForChecksum(UPLOAD, TIMEOUT)).as("upload %d", i).isEqualTo(UPLOAD + " " + TestUpstream.crcOf(UPLOAD));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Capture {

		final AtomicReference<String> streamType = new AtomicReference<>();

		@Bean
		WebFilter captureRequestBodyStream() {
			return (exchange, chain) -> {
				Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
				try {
					this.streamType.set((nativeRequest instanceof HttpServletRequest servlet)
							? servlet.getInputStream().getClass().getName() : "none");
				}
				catch (IOException ex) {
					return Mono.error(ex);
				}
				return chain.filter(exchange);
			};
		}

	}

}
