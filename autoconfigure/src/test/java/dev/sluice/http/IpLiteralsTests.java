package dev.sluice.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpLiterals}.
 */
class IpLiteralsTests {

	@Test
	void readsIpv4AndIpv6Literals() {
		assertThat(IpLiterals.parse("10.0.0.7")).isNotNull().satisfies((address) -> assertThat(address.getHostAddress()).isEqualTo("10.0.0.7"));
		assertThat(IpLiterals.parse(" 2001:db8::1 ")).isNotNull().satisfies((address) -> assertThat(address.getAddress()).hasSize(16));
		assertThat(IpLiterals.parse("[::1]")).isNotNull();
	}

	@Test
	void refusesEverythingElseWithoutALookUp() {
		assertThat(NameLookups.during(() -> {
			for (String text : new String[] { "q:1", "localhost", "example.org", "1.2.3.4.5", "10.0.0.256", "::g", "", "1.2.3.4:80" }) {
				assertThat(IpLiterals.parse(text)).as(text).isNull();
			}
		})).isEmpty();
	}

}
