package dev.sluice.guard;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.TestUpstream;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers a client controls, sent byte for byte on each server: a {@code Host} that is no host, a
 * {@code Connection} header that names a header a filter adds, template variables that would put a
 * line break into a header or a slash into a path, and upstream status codes outside 100 to 599.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=headers",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/hdr/{segment}",
		"sluice.routes[0].filters[0]=SetRequestHeader=X-Seg,{segment}",
		"sluice.routes[0].filters[1]=SetPath=/request-headers",
		"sluice.routes[1].id=response-headers",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/rsp/{segment}",
		"sluice.routes[1].filters[0]=SetResponseHeader=X-Seg,{segment}",
		"sluice.routes[1].filters[1]=SetPath=/bytes/10",
		"sluice.routes[2].id=set-path",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/sp/{segment}",
		"sluice.routes[2].filters[0]=SetPath=/public/{segment}",
		"sluice.routes[3].id=status",
		"sluice.routes[3].uri=${raw-upstream.uri}",
		"sluice.routes[3].predicates[0]=Path=/status/**",
		"sluice.routes[4].id=location",
		"sluice.routes[4].uri=${upstream.uri}",
		"sluice.routes[4].predicates[0]=Path=/request-headers/**" })
@ExtendWith(OutputCaptureExtension.class)
class ClientHeadersIntegrationTests {

	@ProxyTest
	void keepsAHeaderAFilterAddsThatTheClientsConnectionHeaderNames(Gateway gateway) throws IOException {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			String head = client.send("GET", "/hdr/blue", "Connection: keep-alive, X-Seg", "X-Seg: from-client").readHead();
			assertThat(head).startsWith("HTTP/1.1 200");
		}
		assertThat(TestUpstream.get().lastRequest().headers().getAll("X-Seg")).containsExactly("blue");
	}

	@ProxyTest
	void stillDropsAHeaderTheClientsConnectionHeaderNames(Gateway gateway) throws IOException {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			String head = client.send("GET", "/request-headers", "Connection: keep-alive, X-Hop", "X-Hop: 1").readHead();
			assertThat(head).startsWith("HTTP/1.1 200");
		}
		assertThat(TestUpstream.get().lastRequest().headers().contains("X-Hop")).isFalse();
	}

	@ProxyTest
	void refusesALineBreakATemplateVariableWouldPutIntoAHeaderInOneLogLineAtMost(Gateway gateway,
			CapturedOutput output) throws IOException {
		gateway.get("/request-headers", 200);
		for (String path : List.of("/hdr/a%0d%0aX-Evil:%201", "/hdr/a%0aX-Evil:1", "/hdr/a%00b", "/rsp/a%0d%0aSet-Cookie:%20x=1")) {
			TestUpstream.SeenRequest before = TestUpstream.get().lastRequest();
			int from = output.getOut().length();
			String head = exchange(gateway, path);
			assertThat(head).as(path).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("X-Evil").doesNotContain("Set-Cookie");
			if (path.startsWith("/hdr/")) {
				assertThat(TestUpstream.get().lastRequest()).as(path).isSameAs(before);
			}
			gateway.get("/request-headers", 200);
			assertThat(output.getOut().substring(from).lines().count()).as(path).isLessThanOrEqualTo(1);
		}
	}

	@ProxyTest
	void refusesAHostHeaderThatIsNoHostAndPort(Gateway gateway) throws IOException {
		for (String host : List.of("evil.example/x?", "gw@evil", "a b", "[::1", "gw:80:80", "gw:123456")) {
			try (RawHttp client = RawHttp.connect(gateway.port())) {
				String head = client.sendWithHost("GET", "/request-headers", host, "Connection: close").readHead();
				assertThat(head).as(host).startsWith("HTTP/1.1 400");
			}
		}
		for (String host : List.of("gw.example", "gw.example:8080", "127.0.0.1:1", "[::1]:8080", "xn--bcher-kva.example")) {
			try (RawHttp client = RawHttp.connect(gateway.port())) {
				String head = client.sendWithHost("GET", "/request-headers", host, "Connection: close").readHead();
				assertThat(head).as(host).startsWith("HTTP/1.1 200");
			}
		}
	}

	@ProxyTest
	void refusesTwoHostHeaders(Gateway gateway) throws IOException {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			String head = client.send("GET", "/request-headers", "Host: evil.example", "Connection: close").readHead();
			assertThat(head).startsWith("HTTP/1.1 400");
		}
	}

	@ProxyTest
	void keepsAnEncodedSlashInASetPathVariableEncoded(Gateway gateway) throws IOException {
		exchange(gateway, "/sp/a%2Fb");
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/public/a%2Fb");
	}

	@ProxyTest
	void answersAnUpstreamStatusOutside100To599With502(Gateway gateway) throws IOException {
		for (String status : List.of("600", "099", "1000")) {
			String head = exchange(gateway, "/status/" + status);
			assertThat(head).as(status).startsWith("HTTP/1.1 502");
		}
	}

	private static String exchange(Gateway gateway, String path) throws IOException {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			String head = client.send("GET", path, "Connection: close").readHead();
			client.readToEnd();
			return head;
		}
	}

}
