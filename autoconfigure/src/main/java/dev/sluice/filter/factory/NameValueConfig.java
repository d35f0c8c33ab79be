package dev.sluice.filter.factory;

/**
 * Arguments of the filters that set a named value, such as {@code AddRequestHeader=X-Color,blue}.
 * Both are required; the value may use URI template variables such as {@code {segment}}.
 *
 * @param name the header or parameter name
 * @param value the value
 */
public record NameValueConfig(String name, String value) {

}
