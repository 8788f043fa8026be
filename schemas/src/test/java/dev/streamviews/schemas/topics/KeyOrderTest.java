package dev.streamviews.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

  @Test
  void ordersAsUtf8BytesNotAsUtf16Units() {
    String privateUse = "\uE000";        // U+E000: three UTF-8 bytes starting 0xEE
    String emoji = "\uD83D\uDE00";       // U+1F600: four UTF-8 bytes starting 0xF0, but a UTF-16 surrogate < 0xE000
    List<String> keys = new ArrayList<>(List.of(emoji, privateUse, "b", "a"));

    keys.sort(KeyOrder.UTF8);

    assertThat(keys).containsExactly("a", "b", privateUse, emoji);
    assertThat(emoji.compareTo(privateUse)).as("String.compareTo disagrees").isNegative();
  }
}
