package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.checker.CheckReport;
import dev.streamviews.checker.ExpectedViews;
import dev.streamviews.checker.InputReader;
import dev.streamviews.checker.ViewChecker;
import dev.streamviews.checker.ViewServiceClient;
import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.schemas.control.PipelineState;
import dev.streamviews.schemas.control.PipelineStateTopic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code replay rebuild} while a poller queries through the load balancer: the new version is
 * built beside the serving one, the view services switch to it in one step, the old version's
 * internal topics and group go, and not one answer during all that is a 5xx.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class RebuildIT {
  private final Pipeline pipeline;

  RebuildIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void buildsTheNextVersionBesideTheServingOneAndSwitchesWithoutAnError() throws Exception {
    CliRun produce = pipeline.produce("all", "--generate", "6000", "--seed", "8088");
    assertThat(produce.exitCode()).as(produce.err()).isZero();
    pipeline.awaitInputsProcessed(Duration.ofSeconds(120));
    PipelineStateTopic stateTopic = new PipelineStateTopic(pipeline.cluster.bootstrapServers(), Pipeline.PIPELINE_ID);
    PipelineState before = stateTopic.read(Duration.ofSeconds(10));
    int old = before.getServingVersion();
    String oldApp = pipeline.inputs().version().applicationId();

    CliRun dryRun = pipeline.replay("rebuild", "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("Plan (dry run) to build version " + (old + 1), "records to process", "Dry run: nothing changed.");
    assertThat(stateTopic.read(Duration.ofSeconds(10))).as("pipeline state after a dry run").isEqualTo(before);

    List<String> keys = new ArrayList<>(ExpectedViews.orderStatus(pipeline.inputs().readAll()).values().keySet());
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Random random = new Random(11);
    PacedPoller poller = new PacedPoller(Duration.ofMillis(20), () -> askOnce(http, keys.get(random.nextInt(keys.size())), statuses));
    CliRun rebuild;
    try {
      rebuild = pipeline.replay("rebuild", "--interval-ms", "1000", "--give-up-after", "300", "--drain-timeout", "120");
    } finally {
      // Answers just after the old version retired count too: a few dozen more before the poller stops.
      int answeredByNow = statuses.size();
      org.awaitility.Awaitility.await("answers after the switch").atMost(Duration.ofSeconds(30))
          .until(() -> statuses.size() >= answeredByNow + 50);
      poller.close();
    }
    System.out.println(rebuild.out());
    assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
    int version = old + 1;
    assertThat(rebuild.out()).contains("Building version " + version, "records processed", "records/s",
        "Switched: version " + version + " serves", "Removed version " + old);

    long errors = statuses.stream().filter(status -> status >= 500).count();
    System.out.printf("rebuild: %d answers while rebuilding and switching, %d x 5xx%n", statuses.size(), errors);
    assertThat(statuses.size()).isGreaterThan(100);
    assertThat(errors).as("5xx answers during the rebuild and switch").isZero();
    assertThat(statuses).as("every key was published before the rebuild").containsOnly(200);

    assertThat(ViewServiceCalls.get(pipeline.viewService, "/views").body().path("version").asInt()).isEqualTo(version);
    InputReader reader = pipeline.inputs();
    assertThat(reader.version().version()).isEqualTo(version);
    CheckReport check = new ViewChecker(new ViewServiceClient(pipeline.viewService))
        .check(reader.readAll(), reader::readLateLines, Duration.ofSeconds(120));
    assertThat(check.mismatches())
        .as(() -> "views of version " + version + SkuSalesDiagnosis.of(pipeline.cluster.bootstrapServers(), reader.version(), check.mismatches()))
        .isEmpty();

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).as("internal topics of version " + old)
          .noneMatch(topic -> topic.startsWith(oldApp + "-"));
      assertThat(admin.listGroups().all().get()).as("consumer group of version " + old)
          .noneMatch(group -> group.groupId().equals(oldApp));
    }
  }

  private void askOnce(HttpClient http, String key, List<Integer> statuses) {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(pipeline.viewService + "/views/order-status/" + key))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
      statuses.add(response.statusCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      statuses.add(599); // no answer at all counts as an error
    }
  }
}
