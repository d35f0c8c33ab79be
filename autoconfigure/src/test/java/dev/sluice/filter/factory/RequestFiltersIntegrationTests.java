package dev.sluice.filter.factory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;

import dev.sluice.test.Gateway;
import dev.sluice.test.GatewayApp;
import dev.sluice.test.ProxyTest;
import dev.sluice.test.RawHttp;
import dev.sluice.test.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxies through the filters that change the path or query, refuse a request, or answer it
 * themselves, on each server.
 */
@GatewayApp(properties = {
		"sluice.routes[0].id=params",
		"sluice.routes[0].uri=${upstream.uri}",
		"sluice.routes[0].predicates[0]=Path=/params/{kind}",
		"sluice.routes[0].filters[0]=AddRequestParameter=added,v {kind}",
		"sluice.routes[0].filters[1]=RemoveRequestParameter=secret",
		"sluice.routes[0].filters[2]=SetPath=/echo",
		"sluice.routes[1].id=rewrite",
		"sluice.routes[1].uri=${upstream.uri}",
		"sluice.routes[1].predicates[0]=Path=/red/**",
		"sluice.routes[1].filters[0]=RewritePath=/red/?(?<segment>.*), /echo/$\\{segment}",
		"sluice.routes[2].id=redirect",
		"sluice.routes[2].uri=${upstream.uri}",
		"sluice.routes[2].predicates[0]=Path=/old/**",
		"sluice.routes[2].filters[0]=RedirectTo=301, https://acme.org/new, true",
		"sluice.routes[3].id=status",
		"sluice.routes[3].uri=${upstream.uri}",
		"sluice.routes[3].predicates[0]=Path=/status/**",
		"sluice.routes[3].filters[0]=SetStatus=UNAUTHORIZED",
		"sluice.filter.set-status.original-status-header-name=X-Original-Status",
		"sluice.routes[4].id=limits",
		"sluice.routes[4].uri=${upstream.uri}",
		"sluice.routes[4].predicates[0]=Path=/limited/**",
		"sluice.routes[4].filters[0]=RequestHeaderSize=64B",
		"sluice.routes[4].filters[1]=RequestSize=100KB",
		"sluice.routes[4].filters[2]=StripPrefix=1" })
class RequestFiltersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)$");

	@ProxyTest
	void addsAndRemovesQueryParametersKeepingTheRestAsSent(Gateway gateway) throws Exception {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			assertThat(client.send("GET", "/params/x?q=a%26b&secret=1&secret=2&e=").readHead()).startsWith("HTTP/1.1 200");
		}
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo?q=a%26b&e=&added=v%20x");
	}

	@ProxyTest
	void rewritesThePathWithTheEscapedReplacement(Gateway gateway) throws Exception {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			assertThat(client.send("GET", "/red/blue/x%20y?z=1").readHead()).startsWith("HTTP/1.1 200");
		}
		assertThat(TestUpstream.get().lastRequest().uri()).isEqualTo("/echo/blue/x%20y?z=1");
	}

	@ProxyTest
	void redirectsWithoutCallingTheUpstream(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/old/page?skip=10")
			.exchange()
			.expectStatus()
			.isEqualTo(301)
			.expectHeader()
			.valueEquals("Location", "https://acme.org/new?skip=10")
			.expectBody()
			.isEmpty();
	}

	@ProxyTest
	void setsTheStatusAndReportsTheOriginal(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/status/200")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Original-Status", "[200]")
			.expectBody(String.class)
			.isEqualTo("status 200");
	}

	@ProxyTest
	void refusesAnOversizedHeaderWith431(Gateway gateway) {
		gateway.webTestClient()
			.get()
			.uri("/limited/echo")
			.header("X-Big", "x".repeat(100))
			.exchange()
			.expectStatus()
			.isEqualTo(431)
			.expectHeader()
			.exists("errorMessage")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(431)
			.jsonPath("$.route")
			.isEqualTo("limits");
	}

	@ProxyTest
	void refusesADeclaredOversizedBodyBeforeCallingTheUpstream(Gateway gateway) throws IOException {
		TestUpstream.get().lastRequest();
		String before = String.valueOf(TestUpstream.get().lastRequest());
		// The declared length alone is refused, so not one byte of the body needs to be sent.
		Answer answer = refusal(gateway, "Content-Length: " + (200 * 1024), new byte[0]);
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("\"status\":413").contains("permissible limit is 102400B");
		assertThat(String.valueOf(TestUpstream.get().lastRequest())).isEqualTo(before);
	}

	@ProxyTest
	void refusesAStreamedOversizedBodyWhileCounting(Gateway gateway) throws IOException {
		// One chunk that announces 400 KiB, of which the client sends one byte over the limit: the
		// gateway must read all of it to count past the limit, so nothing is left unread.
		byte[] start = ("64000\r\n" + "x".repeat(100 * 1024 + 1)).getBytes(StandardCharsets.US_ASCII);
		Answer answer = refusal(gateway, "Transfer-Encoding: chunked", start);
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("\"status\":413");
	}

	@ProxyTest
	void passesBodiesWithinTheLimitInBothForms(Gateway gateway) {
		for (boolean chunked : new boolean[] { false, true }) {
			Answer answer = send(gateway, 50 * 1024, chunked);
			assertThat(answer.status()).as("chunked %s: %s", chunked, answer.body()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo((50 * 1024) + " " + TestUpstream.crcOf(50 * 1024));
		}
	}

	/**
	 * Sends a request whose body is refused, and reads the answer before anything more is sent.
	 * Tomcat closes the connection after a 413, and a client still sending then gets a reset that
	 * can destroy the answer before it reads it; a client that has sent everything it will send
	 * and that the gateway has read in full gets the answer and then an orderly close.
	 */
	private static Answer refusal(Gateway gateway, String framing, byte[] bodyStart) throws IOException {
		try (RawHttp client = RawHttp.connect(gateway.port())) {
			String head = client.send("POST", "/limited/crc", framing).write(bodyStart).readHead();
			Matcher length = CONTENT_LENGTH.matcher(head);
			assertThat(length.find()).as(head).isTrue();
			return new Answer(Integer.parseInt(head.substring(9, 12)), client.readBody(Integer.parseInt(length.group(1))));
		}
	}

	private static Answer send(Gateway gateway, long size, boolean chunked) {
		return gateway.httpClient()
			.request(HttpMethod.POST)
			.uri("/limited/crc")
			.send((request, outbound) -> {
				if (!chunked) {
					request.header("Content-Length", Long.toString(size));
				}
				return outbound.send(TestUpstream.generate(size));
			})
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> new Answer(response.status().code(), text)))
			.onErrorResume((error) -> Mono.just(new Answer(-1, error.toString())))
			.block(TIMEOUT);
	}

	record Answer(int status, String body) {
	}

}
