package dev.streamviews.bench;

import java.util.Locale;

/**
 * One line of the benchmark: our result, the reference measured in the same run, their ratio and
 * the goal for it.
 *
 * @param name e.g. "A. publish"
 * @param ours our result
 * @param reference the reference's result
 * @param unit what both count, e.g. "records/s"
 * @param goal the least ratio that meets the goal
 * @param note what else to know to read the line (sizes, settings), may be empty
 */
public record Figure(String name, double ours, double reference, String unit, double goal, String note) {

  public double ratio() {
    return reference == 0 ? 0 : ours / reference;
  }

  public boolean met() {
    return ratio() >= goal;
  }

  /** One line: name, ours, reference, ratio, goal. */
  public String line() {
    return String.format(Locale.ROOT, "%-16s ours %,14.0f %-10s reference %,14.0f %-10s ratio %5.2f  goal >= %.2f  %s%s",
        name, ours, unit, reference, unit, ratio(), goal, met() ? "met" : "NOT MET", note.isEmpty() ? "" : "  (" + note + ")");
  }

  /** A row of the Markdown table in docs/BENCHMARKS.md. */
  public String markdownRow() {
    return String.format(Locale.ROOT, "| %s | %,.0f %s | %,.0f %s | %.2f | ≥ %.2f | %s |", name, ours, unit, reference, unit, ratio(), goal,
        met() ? "met" : "not met");
  }
}
