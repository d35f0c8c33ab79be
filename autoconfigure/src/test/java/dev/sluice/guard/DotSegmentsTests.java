package dev.sluice.guard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DotSegments}.
 */
class DotSegmentsTests {

	@ParameterizedTest
	@ValueSource(strings = { "/public/../admin", "/public/./admin", "/..", "/a/..", "/public/%2e%2e/admin",
			"/public/%2E%2E/admin", "/public/.%2e/admin", "/public/%2e./admin", "/public/..;x=y/admin",
			"/public/%2e%2e;x=y/admin", "/sp/..%2fadmin", "/sp/..%2Fadmin", "/sp/x%2f..%2fadmin", "/sp/..%5cadmin",
			"/sp/..\\admin", "/a/%00/b", "/a/b%00.txt", "/a/%2", "/a/%zz/b", "/public/.%2e;x/admin" })
	void findsDotSegmentsHoweverTheyAreWritten(String path) {
		assertThat(DotSegments.find(path)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "", "/public/admin", "/a..b/c", "/file.txt", "/.well-known/x", "/...", "/a/.../b",
			"/a/..b", "/a/b..", "/group%2Fproject/issues", "/caf%C3%A9", "/public;x=y/admin", "/a//b", "/a/%2e%2e%2e/b" })
	void passesPathsWithoutDotSegments(String path) {
		assertThat(DotSegments.find(path)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/public/../admin", "/public/..;x=y/admin" })
	void namesTheSegmentAsWritten(String path) {
		assertThat(DotSegments.find(path)).startsWith("..");
	}

}
