package dev.streamviews.replay.cli;

import java.time.DateTimeException;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A point in time on the command line: an ISO-8601 instant or epoch milliseconds, as every streamviews tool takes them. */
public final class TimeConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String text) {
    String value = text.trim();
    try {
      return value.matches("-?\\d+") ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
    } catch (DateTimeException | NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z or epoch milliseconds");
    }
  }
}
