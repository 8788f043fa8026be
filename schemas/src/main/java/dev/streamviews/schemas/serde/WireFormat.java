package dev.streamviews.schemas.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the value.
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** The schema id of a payload, after checking that the payload is in the wire format. */
  public static int schemaIdOf(byte[] payload) {
    if (payload.length < HEADER_SIZE) {
      throw new BadDataException("payload of " + payload.length + " bytes is shorter than the "
          + HEADER_SIZE + "-byte wire-format header");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new BadDataException(String.format(
          "unknown magic byte 0x%02x: not in the Confluent wire format", payload[0] & 0xff));
    }
    return ByteBuffer.wrap(payload, 1, 4).getInt();
  }

  static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }
}
