package dev.sluice.guard;

import java.io.IOException;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths that a normalizing upstream would resolve past a route's Path predicate, sent byte for byte
 * on each server: each is answered 400 and never reaches the upstream.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=public",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/public/**",
		"sluice.routes[1].id=set-path",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/sp/{segment}",
		"sluice.routes[1].filters[0]=SetPath=/public/{segment}",
		"sluice.routes[2].id=rewrite",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/rw/**",
		"sluice.routes[2].filters[0]=RewritePath=/rw/x(?<rest>.*), /$\\{rest}" })
class DotSegmentsIntegrationTests {

	@ProxyTest
	void refusesDotSegmentsBeforeAnyPredicate(Gateway gateway) throws IOException {
		for (String path : new String[] { "/public/../admin", "/public/%2e%2e/admin", "/public/%2E./admin",
				"/public;x=y/../admin", "/public/..;x=y/admin", "/sp/..%2fadmin", "/public/.%2e%5cadmin" }) {
			assertRefusedBeforeTheUpstream(gateway, path);
		}
	}

	@ProxyTest
	void refusesADotSegmentThatARewriteWouldIntroduce(Gateway gateway) throws IOException {
		assertRefusedBeforeTheUpstream(gateway, "/rw/x..");
	}

	@ProxyTest
	void passesDotsThatAreNoSegmentOfTheirOwn(Gateway gateway) throws IOException {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			// The test upstream has no such file: its 404 shows the request got through.
			assertThat(client.send("GET", "/public/a..b/.well-known/file.txt").readHead()).startsWith("HTTP/1.1 404");
			client.readBody(55);
		}
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/public/a..b/.well-known/file.txt");
	}

	private static void assertRefusedBeforeTheUpstream(Gateway gateway, String path) throws IOException {
		TestUpstream.SeenRequest before = TestUpstream.get().lastRequest();
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			String head = client.send("GET", path, "Connection: close").readHead();
			assertThat(head).as(path).startsWith("HTTP/1.1 400");
			client.readToEnd();
		}
		assertThat(TestUpstream.get().lastRequest()).as(path).isSameAs(before);
	}

}
