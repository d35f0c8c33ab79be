package dev.sluice.filter.factory;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientResponse;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.TestUpstream;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxies through the filters that change request and response headers, on each server.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=request-headers",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/req/{color}/**",
		"sluice.routes[0].filters[0]=AddRequestHeader=X-Color,{color}",
		"sluice.routes[0].filters[1]=AddRequestHeadersIfNotPresent=X-A:1,X-B:{color}",
		"sluice.routes[0].filters[2]=SetRequestHeader=X-Set,replaced",
		"sluice.routes[0].filters[3]=RemoveRequestHeader=X-Secret",
		"sluice.routes[0].filters[4]=MapRequestHeader=X-From,X-To",
		"sluice.routes[0].filters[5]=SetPath=/echo/{color}",
		"sluice.routes[1].id=host-preserved",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/preserve/**",
		"sluice.routes[1].filters[0]=PreserveHostHeader",
		"sluice.routes[1].filters[1]=StripPrefix=1",
		"sluice.routes[2].id=host-set",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/sethost/**",
		"sluice.routes[2].filters[0]=SetRequestHostHeader=api.example.org",
		"sluice.routes[2].filters[1]=StripPrefix=1",
		"sluice.routes[3].id=response-headers",
		"sluice.routes[3].uri=${upstream.uri}",
		"sluice.routes[3].predicates[0]=Path=/res/**",
		"sluice.routes[3].filters[0]=StripPrefix=1",
		"sluice.routes[3].filters[1]=AddResponseHeader=X-Added,yes",
		"sluice.routes[3].filters[2]=AddResponseHeader=X-Kept,gateway,false",
		"sluice.routes[3].filters[3]=SetResponseHeader=X-Set,gateway",
		"sluice.routes[3].filters[4]=RemoveResponseHeader=X-Drop",
		"sluice.routes[3].filters[5]=DedupeResponseHeader=Access-Control-Allow-Origin X-Many,RETAIN_UNIQUE",
		"sluice.routes[3].filters[6]=RewriteResponseHeader=X-Secret,password=[^&]+,password=***",
		"sluice.routes[3].filters[7]=RewriteLocationResponseHeader=AS_IN_REQUEST,Location,,",
		"sluice.routes[3].filters[8].name=SecureHeaders",
		"sluice.routes[3].filters[8].args.disable=x-frame-options",
		"sluice.filter.secure-headers.referrer-policy=same-origin" })
class HeaderFiltersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ProxyTest
	void changesRequestHeadersOnTheWayUpstream(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/req/red/x")
			.header("X-B", "client")
			.header("X-Set", "client")
			.header("X-Secret", "s3cret")
			.header("X-From", "one", "two")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.isEmpty();
		io.netty.handler.codec.http.HttpHeaders seen = TestUpstream.get().lastRequest().headers();
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/red");
		assertThat(seen.getAll("X-Color")).containsExactly("red");
		assertThat(seen.getAll("X-A")).containsExactly("1");
		assertThat(seen.getAll("X-B")).containsExactly("client");
		assertThat(seen.getAll("X-Set")).containsExactly("replaced");
		assertThat(seen.contains("X-Secret")).isFalse();
		assertThat(seen.getAll("X-To")).containsExactly("one", "two");
	}

	@ProxyTest
	void preservesOrSetsTheHostHeader(Gateway gateway) {
		String upstreamHost = TestUpstream.get().uri().substring("http://".length());
		exchange(gateway, "/preserve/echo", "Host", "client.example.org");
		assertThat(TestUpstream.get().lastRequest().headers().get("Host")).isEqualTo("client.example.org");
		exchange(gateway, "/sethost/echo", "Host", "client.example.org");
		assertThat(TestUpstream.get().lastRequest().headers().get("Host")).isEqualTo("api.example.org")
			.isNotEqualTo(upstreamHost);
	}

	@ProxyTest
	void changesResponseHeadersOnTheWayBack(Gateway gateway) {
		String query = "?header=X-Kept:upstream&header=X-Set:upstream&header=X-Drop:gone"
				+ "&header=Access-Control-Allow-Origin:a&header=Access-Control-Allow-Origin:a"
				+ "&header=X-Many:1&header=X-Many:2&header=X-Many:1"
				+ "&header=X-Secret:user%3Dme%26password%3Dhunter2"
				+ "&header=Location:http://upstream.internal:9000/v2/some/object/id"
				+ "&header=X-Frame-Options:SAMEORIGIN";
		HttpClientResponse response = exchange(gateway, "/res/respond" + query, "Host", "api.example.com");
		HttpHeaders headers = new HttpHeaders();
		response.responseHeaders().forEach((entry) -> headers.add(entry.getKey(), entry.getValue()));
		assertThat(headers.get("X-Added")).containsExactly("yes");
		assertThat(headers.get("X-Kept")).containsExactly("upstream");
		assertThat(headers.get("X-Set")).containsExactly("gateway");
		assertThat(headers.containsHeader("X-Drop")).isFalse();
		assertThat(headers.get("Access-Control-Allow-Origin")).containsExactly("a");
		assertThat(headers.get("X-Many")).containsExactly("1", "2");
		assertThat(headers.getFirst("X-Secret")).isEqualTo("user=me&password=***");
		assertThat(headers.getFirst("Location")).isEqualTo("http://api.example.com/some/object/id");
		assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("SAMEORIGIN");
		assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("same-origin");
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(headers.getFirst("Strict-Transport-Security")).isEqualTo("max-age=631138519");
		assertThat(headers.containsHeader("Permissions-Policy")).isFalse();
	}

	private static HttpClientResponse exchange(Gateway gateway, String path, String... header) {
		return gateway.httpClient()
			.headers((headers) -> {
				for (int i = 0; i < header.length; i += 2) {
					headers.set(header[i], header[i + 1]);
				}
			})
			.get()
			.uri(path)
			.response((response, body) -> body.then(Mono.just(response)))
			.single()
			.block(TIMEOUT);
	}


}
