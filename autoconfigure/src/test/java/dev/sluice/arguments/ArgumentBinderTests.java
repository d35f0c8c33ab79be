package dev.sluice.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.sluice.route.FilterDefinition;
import dev.sluice.route.PredicateDefinition;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ArgumentBinder} and the shortcut form of
 * {@link dev.sluice.route.NamedArgumentsDefinition}.
 */
class ArgumentBinderTests {

	private static final String PROPERTY = "sluice.routes[0].filters[0]";

	@Test
	void parsesTheShortcutFormIntoPositionalArguments() {
		PredicateDefinition definition = new PredicateDefinition("Path=/a/**, /b/{id}");
		assertThat(definition.getName()).isEqualTo("Path");
		assertThat(definition.getArgs()).containsExactly(Map.entry("_genkey_0", "/a/**"), Map.entry("_genkey_1", "/b/{id}"));
		assertThat(new FilterDefinition("PreserveHostHeader").getArgs()).isEmpty();
	}

	@Test
	void mapsPositionalValuesOntoNamesInOrder() {
		NameCount arguments = bind(NameCount.class, ShortcutType.DEFAULT, new FilterDefinition("X=one,2").getArgs());
		assertThat(arguments.name()).isEqualTo("one");
		assertThat(arguments.count()).isEqualTo(2);
	}

	@Test
	void gathersEveryValueIntoTheFirstListArgument() {
		Methods arguments = bind(Methods.class, ShortcutType.GATHER_LIST,
				new PredicateDefinition("Method=GET,POST").getArgs());
		assertThat(arguments.methods()).containsExactly("GET", "POST");
	}

	@Test
	void takesATrailingBooleanAsTheFlagOfAGatheredList() {
		Patterns withFlag = bind(Patterns.class, ShortcutType.GATHER_LIST_TAIL_FLAG,
				new PredicateDefinition("Path=/a,/b,false").getArgs());
		assertThat(withFlag.patterns()).containsExactly("/a", "/b");
		assertThat(withFlag.matchTrailingSlash()).isFalse();
		Patterns withoutFlag = bind(Patterns.class, ShortcutType.GATHER_LIST_TAIL_FLAG,
				new PredicateDefinition("Path=/a").getArgs());
		assertThat(withoutFlag.patterns()).containsExactly("/a");
		assertThat(withoutFlag.matchTrailingSlash()).isTrue();
	}

	@Test
	void readsTheExpandedFormWithRelaxedNamesAndIndexedLists() {
		Patterns arguments = bind(Patterns.class, ShortcutType.GATHER_LIST_TAIL_FLAG,
				Map.of("patterns[0]", "/a", "patterns[1]", "/b", "match-trailing-slash", "false"));
		assertThat(arguments.patterns()).containsExactlyInAnyOrder("/a", "/b");
		assertThat(arguments.matchTrailingSlash()).isFalse();
		Patterns commaSeparated = bind(Patterns.class, ShortcutType.GATHER_LIST, Map.of("patterns", "/a, /b"));
		assertThat(commaSeparated.patterns()).containsExactly("/a", "/b");
	}

	@Test
	void readsDurationsAsTextOrMilliseconds() {
		assertThat(bind(Timeout.class, ShortcutType.DEFAULT, Map.of("timeout", "2s")).timeout())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(bind(Timeout.class, ShortcutType.DEFAULT, Map.of("timeout", "250")).timeout())
			.isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void namesThePropertyOfEveryBadArgument() {
		assertThatThrownBy(() -> bind(Parts.class, ShortcutType.DEFAULT, Map.of("nope", "1")))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].filters[0].args.nope");
				assertThat(ex.getValidChoices()).containsExactly("parts");
			});
		assertThatThrownBy(() -> bind(Parts.class, ShortcutType.DEFAULT, new FilterDefinition("X=1,2").getArgs()))
			.isInstanceOf(RouteDefinitionException.class)
			.hasMessageContaining("sluice.routes[0].filters[0]")
			.hasMessageContaining("expected at most 1 argument(s) [parts]");
		assertThatThrownBy(() -> bind(Parts.class, ShortcutType.DEFAULT, Map.of("parts", "two")))
			.hasMessageContaining("'two' is not a whole number");
		assertThatThrownBy(() -> bind(Regexp.class, ShortcutType.DEFAULT, Map.of("regexp", "a(b")))
			.hasMessageContaining("'a(b' is not a valid regular expression");
		assertThatThrownBy(() -> bind(Missing.class, ShortcutType.DEFAULT, Map.of()))
			.hasMessageContaining("missing required argument 'missing'");
	}

	@Test
	void requiresEveryArgumentThatIsNeitherNullableNorDefaulted() {
		assertThatThrownBy(() -> bind(NameValue.class, ShortcutType.DEFAULT, new FilterDefinition("X=X-Foo").getArgs()))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo(PROPERTY);
				assertThat(ex.getProblem()).isEqualTo("missing required argument 'value' (arguments: name, value, note, parts)");
			});
		NameValue given = bind(NameValue.class, ShortcutType.DEFAULT, new FilterDefinition("X=X-Foo,bar").getArgs());
		assertThat(given).isEqualTo(new NameValue("X-Foo", "bar", null, 1));
	}

	@Test
	void takesABlankValueAsNotGiven() {
		assertThatThrownBy(() -> bind(NameValue.class, ShortcutType.DEFAULT, Map.of("name", "X-Foo", "value", " ")))
			.hasMessageContaining("missing required argument 'value'");
		assertThat(bind(NameValue.class, ShortcutType.DEFAULT, Map.of("name", "X-Foo", "value", "v", "parts", "")).parts())
			.isEqualTo(1);
	}

	@Test
	void bindsARecordComponentAsAGroupOfDottedArguments() {
		Grouped shortcut = bind(Grouped.class, ShortcutType.DEFAULT, new FilterDefinition("X=3,10ms,50ms").getArgs());
		assertThat(shortcut).isEqualTo(new Grouped(3, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 2)));
		Grouped expanded = bind(Grouped.class, ShortcutType.DEFAULT, Map.of("backoff.first", "1s"));
		assertThat(expanded).isEqualTo(new Grouped(0, new Backoff(Duration.ofSeconds(1), null, 2)));
		assertThat(bind(Grouped.class, ShortcutType.DEFAULT, Map.of()).backoff()).isNull();
		assertThatThrownBy(() -> bind(Grouped.class, ShortcutType.DEFAULT, Map.of("backoff.factor", "x")))
			.hasMessageContaining("'x' is not a number")
			.hasMessageContaining("(arguments: retries, backoff.first, backoff.max, backoff.factor)");
	}

	@Test
	void convertsSizesStatusesAndDateTimesAndSaysWhyAValueDoesNot() {
		Typed typed = bind(Typed.class, ShortcutType.DEFAULT,
				new FilterDefinition("X=512KB,NOT_FOUND,0,RETAIN_LAST").getArgs());
		assertThat(typed.size()).isEqualTo(DataSize.ofKilobytes(512));
		assertThat(typed.status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(typed.at()).isEqualTo(Instant.EPOCH);
		assertThat(typed.strategy()).isEqualTo(Strategy.RETAIN_LAST);
		assertThat(bind(Typed.class, ShortcutType.DEFAULT, new FilterDefinition("X=5000,404,0,retain-first").getArgs()))
			.isEqualTo(new Typed(DataSize.ofBytes(5000), HttpStatusCode.valueOf(404), Instant.EPOCH, Strategy.RETAIN_FIRST));
		assertThatThrownBy(() -> bind(Typed.class, ShortcutType.DEFAULT, new FilterDefinition("X=lots,404,0").getArgs()))
			.hasMessageContaining("'lots' is not a data size");
		assertThatThrownBy(() -> bind(Typed.class, ShortcutType.DEFAULT, new FilterDefinition("X=1,NOPE,0").getArgs()))
			.hasMessageContaining("'NOPE' is not an HTTP status code or name");
		assertThatThrownBy(() -> bind(Typed.class, ShortcutType.DEFAULT, new FilterDefinition("X=1,404,noon").getArgs()))
			.hasMessageContaining("'noon' is not a zoned date-time");
		assertThatThrownBy(() -> bind(Typed.class, ShortcutType.DEFAULT, new FilterDefinition("X=1,404,0,ALL").getArgs()))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProblem()).isEqualTo("argument 'strategy': 'ALL' is not one of the allowed values");
				assertThat(ex.getValidChoices()).containsExactly("RETAIN_FIRST", "RETAIN_LAST");
			});
	}

	@Test
	void namesTheElementOfAListThatDoesNotConvert() {
		assertThatThrownBy(() -> bind(Strategies.class, ShortcutType.GATHER_LIST,
				new FilterDefinition("X=RETAIN_FIRST,KEEP,RETAIN_LAST").getArgs()))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProblem()).isEqualTo("argument 'strategies': 'KEEP' is not one of the allowed values");
				assertThat(ex.getValidChoices()).containsExactly("RETAIN_FIRST", "RETAIN_LAST");
			});
	}

	@Test
	void turnsAProblemTheFactoryFindsIntoOneThatNamesTheProperty() {
		ConfigurableFactory<Parts> factory = factory(Parts.class, ShortcutType.DEFAULT);
		assertThatThrownBy(() -> ArgumentBinder.create(PROPERTY, Map.of("parts", "-1"), factory, (parts) -> {
			throw new InvalidArgumentException("parts", "parts must not be negative");
		})).isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
			assertThat(ex.getProperty()).isEqualTo(PROPERTY);
			assertThat(ex.getProblem()).isEqualTo("parts must not be negative (arguments: parts)");
		});
		assertThat(ArgumentBinder.create(PROPERTY, Map.of(), factory, Parts::parts)).isEqualTo(1);
	}

	@Test
	void convertsOneValueNamingItsPropertyWhenItDoesNot() {
		assertThat(ArgumentBinder.convert("p", " 5s ", Duration.class)).isEqualTo(Duration.ofSeconds(5));
		assertThat(ArgumentBinder.convert("p", 1500, Duration.class)).isEqualTo(Duration.ofMillis(1500));
		assertThatThrownBy(() -> ArgumentBinder.convert("sluice.routes[0].metadata.response-timeout", "soon",
				Duration.class))
			.isInstanceOfSatisfying(RouteDefinitionException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sluice.routes[0].metadata.response-timeout");
				assertThat(ex.getProblem()).isEqualTo("'soon' is not a duration (use 500ms, 5s, or milliseconds)");
			});
	}

	@Test
	void bindsNothingToAFactoryWithoutArguments() {
		assertThat(bind(NoArguments.class, ShortcutType.DEFAULT, Map.of())).isEqualTo(new NoArguments());
		assertThatThrownBy(() -> bind(NoArguments.class, ShortcutType.DEFAULT, new FilterDefinition("X=1").getArgs()))
			.hasMessageContaining("expected at most 0 argument(s) [] but got 1");
	}

	@Test
	void readsTheConfigurationTypeFromTheFactorysTypeArgument() {
		class PartsFactory implements ConfigurableFactory<Parts> {

		}
		assertThat(new PartsFactory().configType()).isEqualTo(Parts.class);
		assertThat(new PartsFactory().name()).isEqualTo("PartsFactory");
	}

	private static <C> C bind(Class<C> type, ShortcutType shortcutType, Map<String, String> args) {
		return ArgumentBinder.bind(PROPERTY, args, factory(type, shortcutType));
	}

	private static <C> ConfigurableFactory<C> factory(Class<C> type, ShortcutType shortcutType) {
		return new ConfigurableFactory<>() {

			@Override
			public Class<C> configType() {
				return type;
			}

			@Override
			public ShortcutType shortcutType() {
				return shortcutType;
			}

		};
	}

	record NameCount(String name, int count) {
	}

	record Methods(List<String> methods) {
	}

	record Patterns(List<String> patterns, @DefaultValue("true") boolean matchTrailingSlash) {
	}

	record Timeout(Duration timeout) {
	}

	record Parts(@DefaultValue("1") int parts) {
	}

	record Regexp(Pattern regexp) {
	}

	record Missing(String missing) {
	}

	record NameValue(String name, String value, @Nullable String note, @DefaultValue("1") int parts) {
	}

	record Grouped(@DefaultValue("0") int retries, @Nullable Backoff backoff) {
	}

	record Backoff(@Nullable Duration first, @Nullable Duration max, @DefaultValue("2") double factor) {
	}

	enum Strategy {

		RETAIN_FIRST, RETAIN_LAST

	}

	record Typed(DataSize size, HttpStatusCode status, Instant at, @DefaultValue("RETAIN_FIRST") Strategy strategy) {
	}

	record Strategies(List<Strategy> strategies) {
	}

}
