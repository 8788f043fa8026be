package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamviews.checker.CheckReport;
import dev.streamviews.checker.ExpectedView;
import dev.streamviews.checker.ExpectedViews;
import dev.streamviews.checker.FieldComparison;
import dev.streamviews.checker.InputFacts;
import dev.streamviews.checker.InputReader;
import dev.streamviews.checker.ViewChecker;
import dev.streamviews.checker.ViewServiceClient;
import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A poller asks for random keys through the load balancer at a steady rate while one of the three
 * processors is killed with SIGKILL and, after its partitions have moved on, restarted. Every
 * answer must be the right value (stale ones marked so) or a 503 with Retry-After: no 500, no
 * wrong value; once the victim is back, an older value only from a copy that says it is behind.
 * Then the checker must find every view right.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class FailoverIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int FRESH_IN_A_ROW = 40;
  /** Answers watched before the kill and after the restart (about 3 s of the poller's pace). */
  private static final int OBSERVED = 120;

  private final Pipeline pipeline;

  FailoverIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** One answer the poller got: which key, who served it and how far behind it said it was, and whether the value was right. */
  record Answer(long atNanos, String key, int status, boolean stale, long lagRecords, String servedBy, boolean right, boolean retryAfter,
      String detail) {}

  @Test
  void answersEveryQueryRightOrWith503WhileAProcessorIsKilledAndRestarted() throws Exception {
    CliRun produce = pipeline.produce("all", "--generate", "20000", "--seed", "909");
    assertThat(produce.exitCode()).as(produce.err()).isZero();
    InputReader reader = pipeline.inputs();
    InputFacts facts = reader.readAll();
    CheckReport before = new ViewChecker(new ViewServiceClient(pipeline.viewService)).check(facts, reader::readLateLines, Duration.ofSeconds(120));
    assertThat(before.mismatches()).as("all processed before the kill").isEmpty();
    ExpectedView orderStatus = ExpectedViews.orderStatus(facts);
    List<String> keys = new ArrayList<>(orderStatus.values().keySet());

    List<Answer> answers = new CopyOnWriteArrayList<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Random random = new Random(7);
    PacedPoller poller = new PacedPoller(Duration.ofMillis(20),
        () -> askOnce(http, keys.get(random.nextInt(keys.size())), orderStatus, answers));
    awaitAnswersSince(answers, System.nanoTime(), "a steady state to compare with");
    Pipeline.Processor victim = pipeline.processors.get(1);
    long killedAt = System.nanoTime();
    victim.kill();
    // Until the 20 s session timeout ends the victim's membership, lookups of its partitions are answered
    // by standbys (stale); once the group has moved them, by new active copies on the survivors.
    Awaitility.await("the victim's partitions moved to the survivors").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> lastAnswersAllFresh(answers, killedAt, FRESH_IN_A_ROW));
    System.out.printf("failover: the victim's partitions answered fresh again %.1f s after the kill%n", (System.nanoTime() - killedAt) / 1e9);
    long logBeforeRestart = Files.size(victim.log());
    long restartedAt = System.nanoTime();
    victim.start();
    victim.awaitReady(Duration.ofSeconds(180));
    awaitAnswersSince(answers, System.nanoTime(), "answers with the victim back");
    poller.close();

    // Every input was processed before the kill, so every copy the survivors hold is caught up: until
    // the victim is back, any value other than the checker's is wrong. The restarted victim, killed
    // without a clean shutdown, brings its copies up to date from the changelogs: from the start where
    // it has no checkpoint to trust (exactly-once writes an active copy's only at a clean close), from
    // its last checkpoint where it has one (Kafka Streams checkpoints standby copies as they go: they
    // hold committed records only). A standby copy within the allowed lag may answer meanwhile
    // (README: stale, with how many records it is behind). From the restart on, a value other than the
    // checker's is wrong unless it comes marked so: stale, and behind by at least one record.
    Predicate<Answer> offValue = a -> a.status() == 200 && !a.right();
    Predicate<Answer> saysItIsBehind = a -> a.atNanos() > restartedAt && a.stale() && a.lagRecords() > 0;
    List<Answer> behind = answers.stream().filter(offValue.and(saysItIsBehind)).toList();
    List<Answer> wrong = answers.stream().filter(offValue.and(saysItIsBehind.negate())).toList();
    List<Answer> unexpected = answers.stream().filter(a -> a.status() != 200 && a.status() != 503).toList();
    List<Answer> unavailableWithoutRetryAfter = answers.stream().filter(a -> a.status() == 503 && !a.retryAfter()).toList();
    long stale = answers.stream().filter(Answer::stale).count();
    double longestGap = longestGapSeconds(answers);
    System.out.printf("failover: %d answers, %d stale, %d x 503, %d behind and marked so, longest time without a right answer %.3f s%n",
        answers.size(), stale, answers.stream().filter(a -> a.status() == 503).count(), behind.size(), longestGap);
    answers.stream().filter(offValue).forEach(a -> System.out.printf(
        "failover: %s value %.3f s after the kill, %.3f s after the restart: %s%n", saysItIsBehind.test(a) ? "behind" : "wrong",
        (a.atNanos() - killedAt) / 1e9, (a.atNanos() - restartedAt) / 1e9, a));
    assertThat(answers.size()).isGreaterThan(500);
    assertThat(wrong).as("wrong values").isEmpty();
    assertThat(unexpected).as("answers other than 200 or 503").isEmpty();
    assertThat(unavailableWithoutRetryAfter).isEmpty();
    assertThat(stale).as("standbys answered while the victim was gone").isPositive();
    assertThat(answers.stream().filter(a -> a.atNanos() > killedAt && a.status() == 200 && !a.stale()).count())
        .as("fresh answers again after the move").isPositive();
    assertThat(longestGap).as("longest time without a right answer (goal: under 1 s)").isLessThan(5.0);
    byte[] log = Files.readAllBytes(victim.log());
    String logAfterRestart = new String(log, (int) logBeforeRestart, log.length - (int) logBeforeRestart, StandardCharsets.UTF_8);
    assertThat(logAfterRestart).as("the restarted victim says it brings its standby copies up to date from their changelogs")
        .containsPattern("Standby copy of \\S+ follows \\S+ from offset \\d+");

    CheckReport after = new ViewChecker(new ViewServiceClient(pipeline.viewService)).check(reader.readAll(), reader::readLateLines,
        Duration.ofSeconds(120));
    assertThat(after.mismatches())
        .as(() -> "every view right after recovery" + SkuSalesDiagnosis.of(pipeline.cluster.bootstrapServers(), reader.version(), after.mismatches()))
        .isEmpty();
  }

  private void askOnce(HttpClient http, String key, ExpectedView expected, List<Answer> answers) {
    long at = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(pipeline.viewService + "/views/order-status/" + key))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      List<String> differences = response.statusCode() == 200
          ? FieldComparison.differences(expected.values().get(key), body.path("value")) : List.of();
      JsonNode freshness = body.path("freshness");
      answers.add(new Answer(at, key, response.statusCode(), freshness.path("stale").asBoolean(), freshness.path("lagRecords").asLong(),
          freshness.path("servedBy").asText(), response.statusCode() == 200 && differences.isEmpty(),
          response.headers().firstValue("Retry-After").isPresent(), response.statusCode() == 200 ? differences.toString() : response.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      answers.add(new Answer(at, key, -1, false, -1, "", false, false, e.toString()));
    }
  }

  /** Waits until the poller has {@link #OBSERVED} answers given after {@code sinceNanos}: a stretch of answers to judge. */
  private static void awaitAnswersSince(List<Answer> answers, long sinceNanos, String what) {
    Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> answers.stream().filter(a -> a.atNanos() > sinceNanos).count() >= OBSERVED);
  }

  /**
   * Whether the last {@code count} answers, all given after {@code sinceNanos}, are fresh 200s. Random
   * keys hit the victim's partitions about a third of the time, so 40 in a row all fresh by chance while its
   * partitions still wait for standbys is about one in ten million.
   */
  private static boolean lastAnswersAllFresh(List<Answer> answers, long sinceNanos, int count) {
    List<Answer> snapshot = List.copyOf(answers);
    if (snapshot.size() < count) {
      return false;
    }
    return snapshot.subList(snapshot.size() - count, snapshot.size()).stream()
        .allMatch(a -> a.atNanos() > sinceNanos && a.status() == 200 && !a.stale());
  }

  /** The longest time between two right answers in a row (any keys). */
  private static double longestGapSeconds(List<Answer> answers) {
    long longest = 0;
    Long previous = null;
    for (Answer answer : answers) {
      if (answer.status() == 200 && answer.right()) {
        if (previous != null) {
          longest = Math.max(longest, answer.atNanos() - previous);
        }
        previous = answer.atNanos();
      }
    }
    return longest / 1e9;
  }
}
