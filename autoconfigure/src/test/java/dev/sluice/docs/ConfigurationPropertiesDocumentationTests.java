package dev.sluice.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration-properties.md} generated from the configuration metadata that the
 * annotation processor writes from the properties' Javadoc. When a property changes, this test
 * rewrites the page and fails once, so the new page is reviewed and committed.
 */
class ConfigurationPropertiesDocumentationTests {

	private static final Path PAGE = Path.of("..", "docs", "configuration-properties.md");

	@Test
	void propertyTableMatchesTheConfigurationMetadata() throws IOException {
		String expected = render();
		String actual = Files.exists(PAGE) ? Files.readString(PAGE) : "";
		if (!expected.equals(actual)) {
			Files.writeString(PAGE, expected);
		}
		assertThat(actual).as("docs/configuration-properties.md was stale and has been regenerated: commit it")
			.isEqualTo(expected);
	}

	static String render() throws IOException {
		JsonNode metadata;
		try (InputStream in = ConfigurationPropertiesDocumentationTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<JsonNode> properties = new ArrayList<>();
		metadata.get("properties").forEach(properties::add);
		properties.sort(Comparator.comparing((property) -> property.get("name").asString()));
		StringBuilder page = new StringBuilder();
		page.append("# Configuration properties\n\n")
			.append("Generated from the configuration metadata by `ConfigurationPropertiesDocumentationTests`; ")
			.append("do not edit by hand.\n\n")
			.append("| Property | Type | Default | Description |\n")
			.append("| --- | --- | --- | --- |\n");
		for (JsonNode property : properties) {
			page.append("| `").append(property.get("name").asString()).append("` | ")
				.append(simpleType(text(property, "type"))).append(" | ")
				.append(property.has("defaultValue") ? "`" + property.get("defaultValue").toString().replace("\"", "") + "`" : "")
				.append(" | ")
				.append(text(property, "description").replace("|", "\\|").replace("\n", " "))
				.append(" |\n");
		}
		return page.toString();
	}

	private static String text(JsonNode node, String field) {
		return node.has(field) ? node.get(field).asString() : "";
	}

	private static String simpleType(String type) {
		return type.replaceAll("[a-z]+(\\.[a-z]+)*\\.([A-Z])", "$2").replace("<", "&lt;").replace(">", "&gt;");
	}


}
