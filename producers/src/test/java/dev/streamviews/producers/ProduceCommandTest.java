package dev.streamviews.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures the CLI must catch before it talks to Kafka. Kafka is pointed at a port nobody
 * listens on: a test that reached it would fail with a different message.
 */
class ProduceCommandTest {
  private static final String NOWHERE = "--bootstrap-servers=127.0.0.1:1";

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void refusesAnUnknownTopicInOneLine() {
    int exit = run("shop.ordres", "--generate", "10", NOWHERE);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("produce: unknown topic 'shop.ordres'; events go to shop.orders, shop.payments, "
        + "shop.shipments, shop.stock-adjustments" + System.lineSeparator());
  }

  @Test
  void refusesAnEmptyFile() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");

    assertThat(run("shop.orders", "--file", empty.toString(), NOWHERE)).isEqualTo(1);
    assertThat(err.toString()).contains("empty.jsonl is empty: nothing to send").doesNotContain("Exception");
  }

  @Test
  void reportsEveryInvalidLineWithItsNumberAndFieldAndSendsNothing() throws IOException {
    Path file = Files.writeString(dir.resolve("orders.jsonl"), String.join("\n",
        "{\"orderId\":\"o-1\",\"customerId\":\"c\",\"lines\":[],\"placedAt\":0}",
        "{\"orderId\":\"o-2\",\"customerId\":\"c\",\"lines\":[{\"sku\":\"s\",\"quantity\":\"2\",\"unitPriceCents\":1}],\"placedAt\":0}",
        "not json",
        "{\"orderId\":\"o-4\",\"customerId\":\"c\",\"lines\":[],\"placedAt\":\"soon\"}"));

    int exit = run("shop.orders", "--file", file.toString(), NOWHERE);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("orders.jsonl:2: field 'lines[0].quantity': expected an integer (int)")
        .contains("orders.jsonl:3: not valid JSON")
        .contains("orders.jsonl:4: field 'placedAt'")
        .contains("produce: nothing sent: 3 of 4 lines are invalid")
        .doesNotContain("cannot reach Kafka");
    assertThat(out.toString()).doesNotContain("sent");
  }

  @Test
  void goesOnToKafkaWithTheValidLinesWhenToldToSkipInvalidOnes() throws IOException {
    Path file = Files.writeString(dir.resolve("orders.jsonl"),
        "{\"orderId\":\"o-1\",\"customerId\":\"c\",\"lines\":[],\"placedAt\":0}\nnot json\n");

    int exit = run("shop.orders", "--file", file.toString(), "--skip-invalid", "--connect-timeout=2", NOWHERE);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("orders.jsonl:2: not valid JSON")
        .contains("produce: cannot reach Kafka at 127.0.0.1:1 (no answer within 2 s)");
  }

  @Test
  void refusesAFileForAllTopics() throws IOException {
    Path file = Files.writeString(dir.resolve("x.jsonl"), "{}");

    assertThat(run("all", "--file", file.toString(), NOWHERE)).isEqualTo(1);
    assertThat(err.toString()).contains("'all' works with --generate only");
  }

  @Test
  void refusesAMissingFile() {
    assertThat(run("shop.orders", "--file", dir.resolve("nope.jsonl").toString(), NOWHERE)).isEqualTo(1);
    assertThat(err.toString()).contains("no such file").doesNotContain("Exception");
  }

  @Test
  void answersHelp() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("--generate").contains("--skip-invalid").contains("scripts/produce shop.orders --file");
  }

  @Test
  void needsAFileOrGenerate() {
    assertThat(run("shop.orders")).isEqualTo(2);
    assertThat(err.toString()).contains("--file").contains("--generate");
  }

  private int run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "produce";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
  }
}
