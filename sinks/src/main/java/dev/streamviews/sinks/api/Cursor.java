package dev.streamviews.sinks.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where the next page of a range starts: the query (view, from, to) and the last key served.
 * Opaque to callers (base64url), self-contained, so any view-service instance can continue it and
 * it stays valid while keys are added or removed: the next page simply starts after that key.
 */
record Cursor(String view, String from, String to, String after) {
  private static final String VERSION = "1";

  String encode() {
    StringBuilder text = new StringBuilder(VERSION);
    for (String field : new String[] {view, from, to, after}) {
      text.append('|').append(field == null ? "-" : field.length() + ":" + field);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String encoded) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      if (!text.startsWith(VERSION + "|")) {
        throw new IllegalArgumentException("unknown version");
      }
      List<String> fields = new ArrayList<>();
      int at = VERSION.length();
      while (at < text.length()) {
        if (text.charAt(at) != '|') {
          throw new IllegalArgumentException("expected a field");
        }
        at++;
        if (text.charAt(at) == '-') {
          fields.add(null);
          at++;
          continue;
        }
        int colon = text.indexOf(':', at);
        int length = Integer.parseInt(text.substring(at, colon));
        fields.add(text.substring(colon + 1, colon + 1 + length));
        at = colon + 1 + length;
      }
      if (fields.size() != 4 || fields.get(0) == null || fields.get(3) == null) {
        throw new IllegalArgumentException("expected four fields");
      }
      return new Cursor(fields.get(0), fields.get(1), fields.get(2), fields.get(3));
    } catch (RuntimeException e) {
      throw new BadParameter("cursor", "cursor is not one this service gave out; start again without it");
    }
  }
}
