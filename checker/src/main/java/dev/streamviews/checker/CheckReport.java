package dev.streamviews.checker;

import java.util.List;

/** How many keys were compared, and which did not match (with what was expected and what was served). */
public record CheckReport(int keysChecked, List<String> mismatches) {
  public String summary() {
    return keysChecked + " keys checked, " + mismatches.size() + " mismatches";
  }
}
