package dev.sluice.route;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link Arguments} and the shortcut form of {@link NamedArgumentsDefinition}.
 */
class ArgumentsTests {

	@Test
	void parsesTheShortcutFormIntoPositionalArguments() {
		PredicateDefinition definition = new PredicateDefinition("Path=/a/**, /b/{id}");
		assertThat(definition.getName()).isEqualTo("Path");
		assertThat(definition.getArgs()).containsExactly(Map.entry("_genkey_0", "/a/**"), Map.entry("_genkey_1", "/b/{id}"));
		assertThat(new FilterDefinition("PreserveHostHeader").getArgs()).isEmpty();
	}

	@Test
	void mapsPositionalValuesOntoNamesInOrder() {
		Arguments arguments = resolve(new FilterDefinition("X=one,2").getArgs(), ShortcutType.DEFAULT, "name", "count");
		assertThat(arguments.required("name")).isEqualTo("one");
		assertThat(arguments.integer("count", null)).isEqualTo(2);
	}

	@Test
	void gathersEveryValueIntoTheFirstListArgument() {
		Arguments arguments = resolve(new PredicateDefinition("Method=GET,POST").getArgs(), ShortcutType.GATHER_LIST,
				"methods");
		assertThat(arguments.list("methods")).containsExactly("GET", "POST");
	}

	@Test
	void takesATrailingBooleanAsTheFlagOfAGatheredList() {
		Arguments withFlag = resolve(new PredicateDefinition("Path=/a,/b,false").getArgs(),
				ShortcutType.GATHER_LIST_TAIL_FLAG, "patterns", "matchTrailingSlash");
		assertThat(withFlag.list("patterns")).containsExactly("/a", "/b");
		assertThat(withFlag.bool("matchTrailingSlash", true)).isFalse();
		Arguments withoutFlag = resolve(new PredicateDefinition("Path=/a").getArgs(),
				ShortcutType.GATHER_LIST_TAIL_FLAG, "patterns", "matchTrailingSlash");
		assertThat(withoutFlag.list("patterns")).containsExactly("/a");
		assertThat(withoutFlag.bool("matchTrailingSlash", true)).isTrue();
	}

	@Test
	void readsTheExpandedFormWithRelaxedNamesAndIndexedLists() {
		Arguments arguments = resolve(Map.of("patterns[0]", "/a", "patterns[1]", "/b", "match-trailing-slash", "false"),
				ShortcutType.GATHER_LIST_TAIL_FLAG, "patterns", "matchTrailingSlash");
		assertThat(arguments.list("patterns")).containsExactlyInAnyOrder("/a", "/b");
		assertThat(arguments.bool("matchTrailingSlash", true)).isFalse();
		Arguments commaSeparated = resolve(Map.of("patterns", "/a, /b"), ShortcutType.GATHER_LIST, "patterns");
		assertThat(commaSeparated.list("patterns")).containsExactly("/a", "/b");
	}

	@Test
	void readsDurationsAsTextOrMilliseconds() {
		assertThat(resolve(Map.of("timeout", "2s"), ShortcutType.DEFAULT, "timeout").duration("timeout", null))
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(resolve(Map.of("timeout", "250"), ShortcutType.DEFAULT, "timeout").duration("timeout", null))
			.isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void namesThePropertyOfEveryBadArgument() {
		assertThatThrownBy(() -> resolve(Map.of("nope", "1"), ShortcutType.DEFAULT, "parts"))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].filters[0].args.nope");
				assertThat(ex.getValidChoices()).containsExactly("parts");
			});
		assertThatThrownBy(() -> resolve(new FilterDefinition("X=1,2").getArgs(), ShortcutType.DEFAULT, "parts"))
			.isInstanceOf(RouteDefinitionException.class)
			.hasMessageContaining("sluice.routes[0].filters[0]")
			.hasMessageContaining("expected at most 1 argument(s) [parts]");
		Arguments arguments = resolve(Map.of("parts", "two", "regexp", "a(b"), ShortcutType.DEFAULT, "parts", "regexp");
		assertThatThrownBy(() -> arguments.integer("parts", 1)).hasMessageContaining("'two' is not a whole number");
		assertThatThrownBy(() -> arguments.regex("regexp")).hasMessageContaining("'a(b' is not a valid regular expression");
		assertThatThrownBy(() -> arguments.required("missing")).hasMessageContaining("missing required argument 'missing'");
	}

	private static Arguments resolve(Map<String, String> raw, ShortcutType type, String... names) {
		return Arguments.resolve("sluice.routes[0].filters[0]", raw, List.of(names), type, names.length);
	}

}
