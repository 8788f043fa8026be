package dev.streamviews.sinks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void carriesTheQueryAndTheLastKeyThroughAnOpaqueString() {
    Cursor cursor = new Cursor("customer-spend", "c-1", null, "c-17|with:odd-characters é");

    String encoded = cursor.encode();

    assertThat(encoded).matches("[A-Za-z0-9_-]+");
    assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
  }

  @Test
  void refusesWhatItDidNotEncode() {
    assertThatThrownBy(() -> Cursor.decode("%%%")).isInstanceOf(BadParameter.class);
    assertThatThrownBy(() -> Cursor.decode("MnwzOmFiYw")).isInstanceOf(BadParameter.class);
  }
}
