package dev.sluice.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the gateway with bad route configuration and checks that the failure analysis names the
 * property, the problem and the valid choices.
 */
class RouteDefinitionFailureAnalyzerTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SluiceHttpClientAutoConfiguration.class,
				SluiceServerAutoConfiguration.class, SluicePredicatesAutoConfiguration.class,
				SluiceHeaderFiltersAutoConfiguration.class, SluiceRequestFiltersAutoConfiguration.class,
				SluiceAutoConfiguration.class))
		.withPropertyValues("sluice.routes[0].id=fine", "sluice.routes[0].uri=http://localhost:9000",
				"sluice.routes[0].predicates[0]=Path=/fine/**", "sluice.routes[1].id=also-fine",
				"sluice.routes[1].uri=http://localhost:9000", "sluice.routes[2].id=bad",
				"sluice.routes[2].uri=http://localhost:9000", "sluice.routes[2].filters[0]=StripPrefix=1");

	@Test
	void namesAnUnknownFilterAndListsTheKnownOnes() {
		assertThat(analyze("sluice.routes[2].filters[1]=StripPrefixes=1"))
			.contains("Property: sluice.routes[2].filters[1]")
			.contains("unknown filter 'StripPrefixes'")
			.contains("Valid choices: AddRequestHeader, AddRequestHeadersIfNotPresent")
			.contains("StripPrefix");
	}

	@Test
	void namesAnUnknownPredicateAndListsTheKnownOnes() {
		assertThat(analyze("sluice.routes[2].predicates[0]=Paths=/x"))
			.contains("Property: sluice.routes[2].predicates[0]")
			.contains("unknown predicate 'Paths'")
			.contains("After, Before, Between, Cookie, Header, Host, Method, Path, Query, RemoteAddr, Weight, XForwardedRemoteAddr");
	}

	@Test
	void namesAMissingArgument() {
		assertThat(analyze("sluice.routes[2].filters[1]=RewritePath"))
			.contains("Property: sluice.routes[2].filters[1]")
			.contains("missing required argument 'regexp'")
			.contains("regexp, replacement");
	}

	@Test
	void namesAMissingHeaderValueInsteadOfSendingAnEmptyHeader() {
		assertThat(analyze("sluice.routes[2].filters[1]=AddRequestHeader=X-Foo"))
			.contains("Property: sluice.routes[2].filters[1]")
			.contains("missing required argument 'value'")
			.contains("name, value");
	}

	@Test
	void namesAMissingReplacementInsteadOfRewritingEveryPathToTheRoot() {
		assertThat(analyze("sluice.routes[2].filters[1].name=RewritePath",
				"sluice.routes[2].filters[1].args.regexp=/red/(?<segment>.*)"))
			.contains("Property: sluice.routes[2].filters[1]")
			.contains("missing required argument 'replacement'")
			.contains("regexp, replacement");
	}

	@Test
	void namesAMalformedArgument() {
		assertThat(analyze("sluice.routes[2].filters[1]=StripPrefix=two"))
			.contains("Property: sluice.routes[2].filters[1]")
			.contains("'two' is not a whole number");
	}

	@Test
	void namesABadEnumArgumentAndItsChoices() {
		assertThat(analyze("sluice.routes[2].filters[1]=DedupeResponseHeader=X-A,KEEP_ALL"))
			.contains("'KEEP_ALL' is not one of the allowed values")
			.contains("Valid choices: RETAIN_FIRST, RETAIN_LAST, RETAIN_UNIQUE");
	}

	@Test
	void namesTooManyShortcutArguments() {
		assertThat(analyze("sluice.routes[2].filters[1]=SetStatus=401,402"))
			.contains("expected at most 1 argument(s) [status] but got 2");
	}

	@Test
	void namesABadUri() {
		assertThat(analyze("sluice.routes[2].uri=ftp://files.example.org"))
			.contains("Property: sluice.routes[2].uri")
			.contains("must use the http, https, ws, wss, lb or forward scheme")
			.contains("Valid choices: http://host:port, https://host:port, ws://host:port, wss://host:port, lb://service-id, forward:/path");
		assertThat(analyze("sluice.routes[2].uri=http://exa mple.org")).contains("is not a valid URI");
	}

	@Test
	void namesABadRegex() {
		assertThat(analyze("sluice.routes[2].predicates[0]=Header=X-Id,[0-9"))
			.contains("Property: sluice.routes[2].predicates[0]")
			.contains("'[0-9' is not a valid regular expression");
	}

	@Test
	void namesADuplicateRouteId() {
		assertThat(analyze("sluice.routes[2].id=fine"))
			.contains("Property: sluice.routes[2].id")
			.contains("duplicate route id 'fine'");
	}

	@Test
	void namesABadDefaultFilter() {
		assertThat(analyze("sluice.default-filters[0]=AddResponseHeader"))
			.contains("Property: sluice.default-filters[0]")
			.contains("missing required argument 'name'");
	}

	private String analyze(String... badProperties) {
		String[] text = new String[1];
		this.contextRunner.withPropertyValues(badProperties).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new RouteDefinitionFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			text[0] = analysis.getDescription() + "\n" + analysis.getAction();
		});
		return text[0];
	}

}
