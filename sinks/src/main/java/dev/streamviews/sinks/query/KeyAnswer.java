package dev.streamviews.sinks.query;

import org.apache.avro.specific.SpecificRecord;

/** What asking for one key of a view came to. */
public sealed interface KeyAnswer {
  /** The key is in the view. */
  record Found(SpecificRecord value, Freshness freshness) implements KeyAnswer {}

  /** The partition's owner answered, and the key is not in the view. */
  record NotFound(Freshness freshness) implements KeyAnswer {}

  /** Nobody could answer within the deadline; worth asking again shortly. */
  record Unavailable(String reason) implements KeyAnswer {}
}
