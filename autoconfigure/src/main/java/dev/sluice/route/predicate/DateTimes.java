package dev.sluice.route.predicate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import dev.sluice.route.Arguments;

/**
 * Reads date-time arguments as Spring Cloud Gateway does: an ISO zoned date-time such as
 * {@code 2017-01-20T17:42:47.789-07:00[America/Denver]}, or epoch milliseconds.
 */
final class DateTimes {

	private DateTimes() {
	}

	static Instant instant(Arguments arguments, String name) {
		String value = arguments.required(name).trim();
		if (value.chars().allMatch(Character::isDigit)) {
			return Instant.ofEpochMilli(Long.parseLong(value));
		}
		try {
			return ZonedDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw arguments.invalid(name, "'" + value + "' is not a zoned date-time such as "
					+ ZonedDateTime.of(2030, 1, 20, 17, 42, 0, 0, ZoneId.of("Europe/Paris")) + " or epoch milliseconds");
		}
	}

}
