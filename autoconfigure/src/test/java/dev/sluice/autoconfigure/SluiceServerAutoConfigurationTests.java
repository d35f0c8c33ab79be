package dev.sluice.autoconfigure;

import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import dev.sluice.proxy.ResponseWriterSelector;
import dev.sluice.proxy.WriterStrategy;
import dev.sluice.server.ServerDetector;
import dev.sluice.server.servlet.ServletStreamsFilter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SluiceServerAutoConfiguration}.
 */
class SluiceServerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceServerAutoConfiguration.class));

	@Test
	void configuresTheWriterSelectionAndTheServerDetection() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ResponseWriterSelector.class)
			.hasSingleBean(ServerDetector.class)
			.hasBean("sluiceServletStreamsCustomizer"));
	}

	@Test
	void usesTheCopyingWriterUntilAServerIsKnown() {
		this.contextRunner.run((context) -> {
			ResponseWriterSelector selector = context.getBean(ResponseWriterSelector.class);
			assertThat(selector.server().name()).isEqualTo("none");
			assertThat(selector.writerName()).isEqualTo("copy");
		});
	}

	@Test
	void choosesTheWriterAutomaticallyByDefault() {
		assertThat(new SluiceBufferProperties().getWriter()).isEqualTo(WriterStrategy.AUTO);
		this.contextRunner.run((context) -> assertThat(context.getBean(ResponseWriterSelector.class).strategy())
			.isEqualTo(WriterStrategy.AUTO));
	}

	@Test
	void appliesTheWriterStrategy() {
		this.contextRunner.withPropertyValues("sluice.buffers.writer=copy")
			.run((context) -> assertThat(context.getBean(ResponseWriterSelector.class).strategy())
				.isEqualTo(WriterStrategy.COPY));
	}

	@Test
	void installsTheServletStreamsFilterOnARunningTomcat() {
		new ReactiveWebApplicationContextRunner(AnnotationConfigReactiveWebServerApplicationContext::new)
			.withConfiguration(AutoConfigurations.of(SluiceServerAutoConfiguration.class,
					TomcatReactiveWebServerAutoConfiguration.class))
			.withBean(HttpHandler.class, () -> (request, response) -> response.setComplete())
			.withPropertyValues("server.port=0", "server.address=127.0.0.1")
			.run((context) -> {
				TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context.getSourceApplicationContext())
					.getWebServer();
				Context servletContext = (Context) server.getTomcat().getHost().findChildren()[0];
				assertThat(servletContext.findFilterDefs()).extracting(FilterDef::getFilterName)
					.contains(ServletStreamsFilter.NAME);
				ResponseWriterSelector selector = context.getBean(ResponseWriterSelector.class);
				assertThat(selector.server().name()).isEqualTo("tomcat");
				assertThat(selector.writerName()).isEqualTo("copy");
			});
	}

	@Test
	void leavesTomcatAloneWhenItIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(TomcatReactiveWebServerFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean("sluiceServletStreamsCustomizer")
				.hasSingleBean(ResponseWriterSelector.class)
				.hasSingleBean(ServerDetector.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheWriterSelector() {
		ResponseWriterSelector own = new ResponseWriterSelector(WriterStrategy.COPY);
		this.contextRunner.withBean("ownSelector", ResponseWriterSelector.class, () -> own)
			.run((context) -> assertThat(context.getBean(ResponseWriterSelector.class)).isSameAs(own));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("sluice.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResponseWriterSelector.class)
				.doesNotHaveBean(ServerDetector.class)
				.doesNotHaveBean("sluiceServletStreamsCustomizer"));
	}

	@Test
	void isAbsentWithoutTheReactorNettyClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResponseWriterSelector.class)
				.doesNotHaveBean(ServerDetector.class));
	}

	@Test
	void backsOffInAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceServerAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResponseWriterSelector.class)
				.doesNotHaveBean(ServerDetector.class));
	}

}
