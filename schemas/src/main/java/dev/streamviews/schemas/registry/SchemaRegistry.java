package dev.streamviews.schemas.registry;

import org.apache.avro.Schema;

/**
 * What the Avro serde needs from a schema registry. {@link SchemaRegistryClient} speaks the
 * Confluent Schema Registry REST API; tests of topologies use an in-memory implementation.
 *
 * <p>Every method throws {@link RegistryUnavailableException} when the registry cannot be reached
 * after bounded retries: the caller must then wait and retry, never treat the record as bad.
 */
public interface SchemaRegistry {

  /**
   * Registers the schema under the subject, or finds it if it is already there.
   *
   * @return the schema's id
   * @throws IncompatibleSchemaException if the subject's compatibility level refuses it
   * @throws InvalidSchemaException if the registry cannot parse it
   */
  int register(String subject, Schema schema);

  /**
   * The id of a schema already registered under the subject.
   *
   * @throws SchemaNotFoundException if the subject does not hold that schema
   */
  int idOf(String subject, Schema schema);

  /**
   * The schema with that id.
   *
   * @throws SchemaNotFoundException if the registry does not know the id
   */
  Schema schemaById(int id);
}
