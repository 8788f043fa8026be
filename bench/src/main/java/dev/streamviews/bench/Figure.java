package dev.streamviews.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * One line of the benchmark: our result, the reference measured in the same run, their ratio and
 * the goal for it.
 *
 * @param name e.g. "A. publish"
 * @param ours our result
 * @param reference the reference's result
 * @param unit what both count, e.g. "records/s"
 * @param goal the bound on the ratio that meets the goal: its least value for a rate, its greatest for a latency
 * @param better whether a higher or a lower result is the better one (a rate or a latency)
 * @param note what else to know to read the line (sizes, settings), may be empty
 */
public record Figure(String name, double ours, double reference, String unit, double goal, Better better, String note) {

  /** Rates are better higher, latencies lower: the goal is a least or a greatest ratio. */
  public enum Better {
    HIGHER(">="), LOWER("<=");

    private final String bound;

    Better(String bound) {
      this.bound = bound;
    }
  }

  /** A rate: the goal is the least ratio. */
  public Figure(String name, double ours, double reference, String unit, double goal, String note) {
    this(name, ours, reference, unit, goal, Better.HIGHER, note);
  }

  public double ratio() {
    return reference == 0 ? Double.NaN : ours / reference;
  }

  public boolean met() {
    return meets(ratio());
  }

  private boolean meets(double ratio) {
    return better == Better.HIGHER ? ratio >= goal : ratio <= goal;
  }

  /** One line: name, ours, reference, ratio, goal. */
  public String line() {
    return String.format(Locale.ROOT, "%-16s ours %14s %-10s reference %14s %-10s ratio %5s  goal %s %.2f  %s%s", name, value(ours), unit,
        value(reference), unit, ratioText(), better.bound, goal, met() ? "met" : "NOT MET", note.isEmpty() ? "" : "  (" + note + ")");
  }

  /** A row of the Markdown table in docs/BENCHMARKS.md. */
  public String markdownRow() {
    return String.format(Locale.ROOT, "| %s | %s %s | %s %s | %s | %s %.2f | %s |", name, value(ours), unit, value(reference), unit, ratioText(),
        better == Better.HIGHER ? "≥" : "≤", goal, met() ? "met" : "not met");
  }

  /**
   * The ratio with two decimals, unless those would read as the other verdict: then three, rounded
   * towards missing the goal. A ratio of 0.4992 against a least of 0.50 is "0.499", not "0.50"
   * beside "not met". (A ratio that meets a goal of two decimals never rounds to missing it.)
   */
  String ratioText() {
    String text = String.format(Locale.ROOT, "%.2f", ratio());
    if (meets(Double.parseDouble(text)) == met()) {
      return text;
    }
    return new BigDecimal(ratio()).setScale(3, better == Better.HIGHER ? RoundingMode.FLOOR : RoundingMode.CEILING).toPlainString();
  }

  /** Rates in whole units; small values (latencies in milliseconds) with a decimal, which they need. */
  private static String value(double value) {
    return String.format(Locale.ROOT, value < 100 ? "%,.1f" : "%,.0f", value);
  }
}
