package dev.sluice.arguments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Spring Boot's conversion service, plus the HTTP and date-time types gateway arguments use, and
 * the words that say why a value did not convert.
 */
final class ArgumentConversions {

	static final ConversionService service = create();

	private ArgumentConversions() {
	}

	private static ConversionService create() {
		ApplicationConversionService service = new ApplicationConversionService();
		service.addConverter(String.class, HttpStatusCode.class, ArgumentConversions::status);
		service.addConverter(String.class, HttpMethod.class,
				(text) -> HttpMethod.valueOf(text.trim().toUpperCase(Locale.ROOT)));
		service.addConverter(String.class, Instant.class, ArgumentConversions::instant);
		return service;
	}

	/**
	 * Converts an HTTP status given as a number ({@code 404}) or a name ({@code NOT_FOUND}).
	 */
	private static HttpStatusCode status(String value) {
		String trimmed = value.trim();
		if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
			int code = Integer.parseInt(trimmed);
			if (code >= 100 && code <= 999) {
				return HttpStatusCode.valueOf(code);
			}
			throw new IllegalArgumentException("'" + value + "' is not an HTTP status between 100 and 999");
		}
		for (HttpStatus status : HttpStatus.values()) {
			if (status.name().equalsIgnoreCase(trimmed)) {
				return status;
			}
		}
		throw new IllegalArgumentException(
				"'" + value + "' is not an HTTP status code or name (such as 404 or NOT_FOUND)");
	}

	/**
	 * Converts a date-time as Spring Cloud Gateway reads it: an ISO zoned date-time such as
	 * {@code 2017-01-20T17:42:47.789-07:00[America/Denver]}, or epoch milliseconds.
	 */
	private static Instant instant(String value) {
		String trimmed = value.trim();
		if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
			return Instant.ofEpochMilli(Long.parseLong(trimmed));
		}
		try {
			return ZonedDateTime.parse(trimmed).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + value + "' is not a zoned date-time such as "
					+ "2030-01-20T17:42+01:00[Europe/Paris] or epoch milliseconds");
		}
	}

	/**
	 * Says why a value did not convert to a type, with the values allowed where there is a list.
	 * @param argument the argument, for the exception
	 * @param type the target type
	 * @param value the value
	 * @param failure the conversion failure, if any
	 * @return the problem
	 */
	static InvalidArgumentException problem(String argument, Class<?> type, String value,
			@Nullable Throwable failure) {
		String quoted = "'" + value + "'";
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (type.isEnum()) {
			List<String> constants = Arrays.stream(type.getEnumConstants()).map((constant) -> ((Enum<?>) constant).name())
				.toList();
			return new InvalidArgumentException(argument, quoted + " is not one of the allowed values", constants);
		}
		String problem;
		if (List.of(Integer.class, Long.class, Short.class, Byte.class).contains(boxed)) {
			problem = quoted + " is not a whole number";
		}
		else if (List.of(Double.class, Float.class, BigDecimal.class).contains(boxed)) {
			problem = quoted + " is not a number";
		}
		else if (boxed == Boolean.class) {
			problem = quoted + " is not true or false";
		}
		else if (type == Duration.class) {
			problem = quoted + " is not a duration (use 500ms, 5s, or milliseconds)";
		}
		else if (type == DataSize.class) {
			problem = quoted + " is not a data size (use 5000, 512KB or 5MB)";
		}
		else if (failure != null
				&& NestedExceptionUtils.getMostSpecificCause(failure) instanceof PatternSyntaxException syntax) {
			problem = quoted + " is not a valid regular expression: " + syntax.getDescription();
		}
		else {
			String message = (failure != null) ? NestedExceptionUtils.getMostSpecificCause(failure).getMessage() : null;
			problem = (message != null) ? message : quoted + " cannot be converted to " + type.getSimpleName();
		}
		return new InvalidArgumentException(argument, problem);
	}

}
