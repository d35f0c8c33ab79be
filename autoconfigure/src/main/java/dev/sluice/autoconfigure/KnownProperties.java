package dev.sluice.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sluice.route.NamedArgumentsDefinition;
import dev.sluice.route.RouteDefinition;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The {@code sluice.*} property names this build knows, read from the configuration metadata the
 * annotation processor generates, and a check of a bound name against them. Everything below a
 * known property is accepted (lists, maps and nested values such as route metadata and filter
 * arguments are free-form), except the fields of a route, a predicate and a filter, which are
 * checked against their definitions.
 */
final class KnownProperties {

	private static final String METADATA = "classpath*:META-INF/spring-configuration-metadata.json";

	private static final Set<String> ROUTE_FIELDS = fields(RouteDefinition.class);

	private static final Set<String> NAMED_FIELDS = fields(NamedArgumentsDefinition.class);

	private final Set<String> names;

	KnownProperties(Set<String> names) {
		this.names = Set.copyOf(names);
	}

	/**
	 * Reads the {@code sluice.*} names from every configuration metadata file on the class path.
	 * @param classLoader the class loader
	 * @return the names, or {@code null} when no metadata declares any (a build without the
	 * annotation processor), in which case nothing can be checked
	 */
	static @Nullable KnownProperties load(@Nullable ClassLoader classLoader) {
		Set<String> names = new LinkedHashSet<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver(classLoader).getResources(METADATA)) {
				try (InputStream in = resource.getInputStream()) {
					Map<String, Object> metadata = JsonParserFactory.getJsonParser()
						.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					if (metadata.get("properties") instanceof List<?> properties) {
						for (Object property : properties) {
							if (property instanceof Map<?, ?> map && map.get("name") instanceof String name
									&& name.startsWith("sluice.")) {
								names.add(name);
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			return null;
		}
		return names.isEmpty() ? null : new KnownProperties(names);
	}

	/**
	 * Checks a name bound under {@code sluice}.
	 * @param name the name in its canonical form, such as {@code sluice.http-client.connect-timeout}
	 * @return {@code null} if the name is known, else the nearest valid name
	 */
	@Nullable String unknown(String name) {
		String route = routeField(name);
		if (route != null) {
			return route;
		}
		String normalized = normalize(name);
		for (String known : this.names) {
			String candidate = normalize(known);
			if (normalized.equals(candidate) || isBelow(normalized, candidate) || isBelow(candidate, normalized)) {
				return null;
			}
		}
		return nearest(name, this.names);
	}

	/**
	 * Checks the field after {@code sluice.routes[n].}, {@code ...predicates[n].},
	 * {@code ...filters[n].} and {@code sluice.default-filters[n].}.
	 */
	private static @Nullable String routeField(String name) {
		List<String> elements = elements(name);
		if (elements.size() < 4 || !"sluice".equals(elements.get(0)) || !elements.get(2).matches("\\[\\d+]")) {
			return null;
		}
		String list = normalize(elements.get(1));
		if ("defaultfilters".equals(list)) {
			return checkField(name, elements, 3, NAMED_FIELDS);
		}
		if (!"routes".equals(list)) {
			return null;
		}
		String field = checkField(name, elements, 3, ROUTE_FIELDS);
		if (field != null || elements.size() < 6 || !elements.get(4).matches("\\[\\d+]")) {
			return field;
		}
		String child = normalize(elements.get(3));
		return ("predicates".equals(child) || "filters".equals(child)) ? checkField(name, elements, 5, NAMED_FIELDS)
				: null;
	}

	private static @Nullable String checkField(String name, List<String> elements, int index, Set<String> fields) {
		String field = elements.get(index);
		if (fields.stream().anyMatch((known) -> normalize(known).equals(normalize(field)))) {
			return null;
		}
		StringBuilder prefix = new StringBuilder();
		for (String element : elements.subList(0, index)) {
			prefix.append((prefix.isEmpty() || element.startsWith("[")) ? "" : ".").append(element);
		}
		return prefix + "." + nearest(field, fields);
	}

	/** Splits {@code sluice.routes[0].uri} into {@code sluice}, {@code routes}, {@code [0]}, {@code uri}. */
	private static List<String> elements(String name) {
		List<String> elements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (char c : name.toCharArray()) {
			if (c == '.' || c == '[') {
				if (!current.isEmpty()) {
					elements.add(current.toString());
				}
				current.setLength(0);
				if (c == '[') {
					current.append(c);
				}
			}
			else if (c == ']') {
				elements.add(current.append(c).toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		if (!current.isEmpty()) {
			elements.add(current.toString());
		}
		return elements;
	}

	private static boolean isBelow(String name, String ancestor) {
		return name.startsWith(ancestor)
				&& (name.charAt(ancestor.length()) == '.' || name.charAt(ancestor.length()) == '[');
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "");
	}

	static String nearest(String name, Set<String> candidates) {
		String best = "";
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(normalize(name), normalize(candidate));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Levenshtein distance. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static Set<String> fields(Class<?> type) {
		Set<String> fields = new LinkedHashSet<>();
		for (var descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getWriteMethod() != null) {
				fields.add(descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
			}
		}
		return fields;
	}

}
