package dev.sluice.filter.factory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StripPrefixGatewayFilterFactory}.
 */
class StripPrefixGatewayFilterFactoryTests {

	@Test
	void stripsPrefixesSegmentBySegmentKeepingEncoding() {
		assertThat(StripPrefixGatewayFilterFactory.strip("/api/v1/users", 2)).isEqualTo("/users");
		assertThat(StripPrefixGatewayFilterFactory.strip("/api", 1)).isEqualTo("/");
		assertThat(StripPrefixGatewayFilterFactory.strip("/api/", 1)).isEqualTo("/");
		assertThat(StripPrefixGatewayFilterFactory.strip("/a/b%2Fc", 1)).isEqualTo("/b%2Fc");
		assertThat(StripPrefixGatewayFilterFactory.strip("/a", 5)).isEqualTo("/");
		assertThat(StripPrefixGatewayFilterFactory.strip("/a/b", 0)).isEqualTo("/a/b");
	}

}
