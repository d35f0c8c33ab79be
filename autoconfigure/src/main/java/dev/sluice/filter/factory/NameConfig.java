package dev.sluice.filter.factory;

/**
 * Arguments of the filters that remove something by name, such as
 * {@code RemoveRequestHeader=X-Secret}.
 *
 * @param name the header or parameter name
 */
public record NameConfig(String name) {

}
