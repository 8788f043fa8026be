package dev.streamviews.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The command line without Kafka: help, usage errors and refusals that need no cluster. */
class ReplayCliTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = ReplayCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource({
      "reset,   --to-datetime, --dry-run, --state-dir",
      "rebuild, --from,        --dry-run, --give-up-after",
      "dlq,     --reason,      --dry-run, --topic",
      "copy,    --into,        --dry-run, --to"})
  void everyCommandExplainsItsOptions(String command, String option, String dryRun, String another) {
    Run help = run(command, "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: replay " + command, option, dryRun, another, "--bootstrap-servers");
  }

  @Test
  void anUnparsableDatetimeIsOneLineAndAUsageError() {
    Run run = run("reset", "--app", "streamviews-processor", "--to-datetime", "2026-13-01");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n")
        .contains("'2026-13-01' is not an ISO-8601 instant", "see replay reset --help");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void resetNeedsExactlyOneStart() {
    Run neither = run("reset", "--app", "streamviews-processor");
    Run both = run("reset", "--app", "streamviews-processor", "--to-earliest", "--to-datetime", "2026-11-01T00:00:00Z");

    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).contains("--to-earliest").contains("--to-datetime");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aCopyFromAfterItsEndIsRefusedBeforeKafkaIsAsked() {
    Run run = run("copy", "--topic", "shop.orders", "--from", "2026-11-02T00:00:00Z", "--to", "1761955200000",
        "--into", "elsewhere", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("replay copy: --from 2026-11-02T00:00:00Z must be before --to 2025-11-01T00:00:00Z");
  }

  @Test
  void aBrokerThatDoesNotAnswerIsOneLine() {
    Run run = run("dlq", "--topic", "shop.orders", "--bootstrap-servers", "127.0.0.1:1", "--timeout-seconds", "1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("replay dlq: cannot reach Kafka at 127.0.0.1:1").doesNotContain("\n");
  }
}
