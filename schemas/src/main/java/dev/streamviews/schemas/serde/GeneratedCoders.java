package dev.streamviews.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The Avro data model our serde writes and reads generated classes with: the generated class's own
 * logical-type conversions (an {@code Instant} for a {@code timestamp-millis}), and the encoders and
 * decoders Avro's compiler writes into every generated class without a logical type in it
 * ({@code OrderLine}, {@code StockLevel}, ...), which Avro 1.12 leaves unused unless asked
 * ({@code org.apache.avro.specific.use_custom_coders}).
 *
 * <p>Unused, Avro writes such a record field by field through {@code get(int)}, boxing every number,
 * and a profile of the producer CLI had a tenth of its sending thread there, in the lines of each
 * order (docs/BENCHMARKS.md, A and F). The generated code writes the same bytes and reads records of
 * an older or newer schema through the same resolving decoder; records with logical types (the events
 * themselves) are still written field by field, with their nested lines written by generated code.
 *
 * <p>A model of its own, not the generated class's shared {@code MODEL$}, so that switching the coders
 * on here changes nothing for other users of the same classes in the JVM.
 */
final class GeneratedCoders {
  private GeneratedCoders() {}

  /** A new model for the generated class of {@code schema} (Avro's default model when there is none). */
  static SpecificData modelFor(Schema schema) {
    SpecificData generated = SpecificData.getForSchema(schema);
    SpecificData model = new SpecificData(generated.getClassLoader());
    generated.getConversions().forEach(model::addLogicalTypeConversion);
    model.setCustomCoders(true);
    return model;
  }
}
