package dev.sluice.docs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.sluice.filter.factory.SecureHeadersGatewayFilterFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata IDEs read: every property with a default declares it, defaults
 * that mirror another component's agree with it, and every enum property offers its values as users
 * write them.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyWhoseFieldHasAnInitialValueDeclaresItsDefault() throws Exception {
		List<String> missing = new ArrayList<>();
		for (Map<String, Object> property : sluiceProperties()) {
			Object initial = initialValue(property);
			boolean empty = initial == null || (initial instanceof Collection<?> collection && collection.isEmpty())
					|| (initial instanceof Map<?, ?> map && map.isEmpty());
			if (!empty && !property.containsKey("defaultValue")) {
				missing.add(property.get("name") + " (initial value " + initial + ")");
			}
		}
		assertThat(missing).as("properties with an initial value but no defaultValue").isEmpty();
	}

	@Test
	void secureHeadersDefaultsAreTheFiltersOwn() throws IOException {
		Map<String, String> defaults = SecureHeadersGatewayFilterFactory.defaults();
		Map<String, Object> declared = sluiceProperties().stream()
			.filter((property) -> ((String) property.get("name")).startsWith("sluice.filter.secure-headers."))
			.filter((property) -> property.get("defaultValue") instanceof String)
			.collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property.get("defaultValue")));
		assertThat(declared).hasSize(defaults.size());
		assertThat(declared.values()).containsExactlyInAnyOrderElementsOf(defaults.values());
		assertThat(declared).containsEntry("sluice.filter.secure-headers.frame-options", defaults.get("X-Frame-Options"))
			.containsEntry("sluice.filter.secure-headers.permissions-policy",
					SecureHeadersGatewayFilterFactory.DEFAULT_PERMISSIONS_POLICY);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyEnumPropertyHintsItsValuesAsUsersWriteThem() throws Exception {
		Map<String, Object> metadata = metadata();
		Map<String, List<String>> hints = ((List<Map<String, Object>>) metadata.get("hints")).stream()
			.collect(Collectors.toMap((hint) -> (String) hint.get("name"), (hint) -> ((List<Map<String, Object>>) hint
				.get("values")).stream().map((value) -> (String) value.get("value")).toList()));
		for (Map<String, Object> property : sluiceProperties()) {
			String type = (String) property.get("type");
			if (type == null || type.contains("<") || !ClassUtils.isPresent(type, null)) {
				continue;
			}
			Class<?> typeClass = ClassUtils.forName(type, null);
			if (typeClass.isEnum()) {
				List<String> expected = Arrays.stream(typeClass.getEnumConstants())
					.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
					.toList();
				assertThat(hints.get((String) property.get("name"))).as("hints of " + property.get("name"))
					.containsExactlyInAnyOrderElementsOf(expected);
			}
		}
		assertThat(hints.get("sluice.buffers.writer")).containsExactly("auto", "copy", "zero-copy");
	}

	private static Object initialValue(Map<String, Object> property) throws Exception {
		Class<?> source = ClassUtils.forName((String) property.get("sourceType"), null);
		String name = (String) property.get("name");
		String field = toCamelCase(name.substring(name.lastIndexOf('.') + 1));
		Constructor<?> constructor = source.getDeclaredConstructor();
		constructor.setAccessible(true);
		Object instance = constructor.newInstance();
		Field declared = source.getDeclaredField(field);
		declared.setAccessible(true);
		return declared.get(instance);
	}

	private static String toCamelCase(String kebab) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> sluiceProperties() throws IOException {
		return ((List<Map<String, Object>>) metadata().get("properties")).stream()
			.filter((property) -> ((String) property.get("name")).startsWith("sluice."))
			.toList();
	}

	private static Map<String, Object> metadata() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			return JsonParserFactory.getJsonParser().parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

}
