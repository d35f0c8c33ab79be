package dev.sluice.arguments;

/**
 * The configuration type of a factory that takes no arguments, such as
 * {@code PreserveHostHeader}: any argument given to it fails startup as unknown.
 */
public record NoArguments() {

}
