package dev.sluice.route;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.web.server.ServerWebExchange;

/**
 * Reads, merges and expands the URI template variables that the Path and Host predicates capture
 * in {@link GatewayAttributes#URI_TEMPLATE_VARIABLES}.
 */
public final class UriVariables {

	private UriVariables() {
	}

	/**
	 * Returns the variables captured for an exchange.
	 * @param exchange the exchange
	 * @return the variables, empty if none
	 */
	public static Map<String, String> get(ServerWebExchange exchange) {
		Map<String, String> variables = exchange.getAttribute(GatewayAttributes.URI_TEMPLATE_VARIABLES);
		return (variables != null) ? variables : Collections.emptyMap();
	}

	/**
	 * Adds variables to those already captured for an exchange.
	 * @param exchange the exchange
	 * @param variables the new variables
	 */
	public static void put(ServerWebExchange exchange, Map<String, String> variables) {
		if (variables.isEmpty()) {
			return;
		}
		Map<String, String> merged = new HashMap<>(get(exchange));
		merged.putAll(variables);
		exchange.getAttributes().put(GatewayAttributes.URI_TEMPLATE_VARIABLES, merged);
	}

	/**
	 * Replaces each {@code {name}} in a template with the captured variable of that name; a
	 * placeholder without a variable is left as it is.
	 * @param exchange the exchange
	 * @param template the template, such as {@code /api/{segment}}
	 * @return the expanded text
	 */
	public static String expand(ServerWebExchange exchange, String template) {
		return expand(exchange, template, UnaryOperator.identity());
	}

	/**
	 * Replaces each {@code {name}} in a template with the captured variable of that name, passed
	 * through an encoder; a placeholder without a variable is left as it is.
	 * @param exchange the exchange
	 * @param template the template
	 * @param encoder applied to each variable's value, such as a path encoder
	 * @return the expanded text
	 */
	public static String expand(ServerWebExchange exchange, String template, UnaryOperator<String> encoder) {
		if (template.indexOf('{') < 0) {
			return template;
		}
		Map<String, String> variables = get(exchange);
		StringBuilder result = new StringBuilder(template.length() + 16);
		int from = 0;
		while (from < template.length()) {
			int open = template.indexOf('{', from);
			int close = (open < 0) ? -1 : template.indexOf('}', open);
			if (open < 0 || close < 0) {
				result.append(template, from, template.length());
				break;
			}
			String name = template.substring(open + 1, close);
			String value = variables.get(name);
			result.append(template, from, open).append((value != null) ? encoder.apply(value) : template.substring(open, close + 1));
			from = close + 1;
		}
		return result.toString();
	}

}
