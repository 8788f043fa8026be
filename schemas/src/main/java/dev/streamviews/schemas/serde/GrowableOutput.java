package dev.streamviews.schemas.serde;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An unsynchronised, reusable byte sink for one thread's encoding: unlike
 * {@link java.io.ByteArrayOutputStream} it takes no lock per write and keeps its buffer between
 * records.
 */
final class GrowableOutput extends OutputStream {
  private byte[] buffer = new byte[1024];
  private int size;

  void reset(int reserved) {
    ensureCapacity(reserved);
    size = reserved;
  }

  byte[] buffer() {
    return buffer;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  @Override
  public void write(int b) {
    ensureCapacity(size + 1);
    buffer[size++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    ensureCapacity(size + length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  private void ensureCapacity(int needed) {
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }
}
