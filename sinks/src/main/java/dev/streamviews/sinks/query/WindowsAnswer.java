package dev.streamviews.sinks.query;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** What asking for the windows of one key came to. */
public sealed interface WindowsAnswer {
  /** The key's windows in the time range, oldest first; maybe none. */
  record Windows(List<SpecificRecord> values, Freshness freshness) implements WindowsAnswer {}

  record Unavailable(String reason) implements WindowsAnswer {}
}
