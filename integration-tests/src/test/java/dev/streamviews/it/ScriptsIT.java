package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shell entry points a user types, run as a user runs them, against the run's pipeline. */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class ScriptsIT {
  private final Pipeline pipeline;

  ScriptsIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "local-kafka", "produce", "topics", "check", "replay", "bench", "processor", "view-service"})
  void everyScriptAnswersHelp(String script) throws Exception {
    Run run = run(script, "--help");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).containsIgnoringCase("usage");
  }

  @Test
  void publishesThroughScriptsProduceAndChecksThroughScriptsCheck() throws Exception {
    Run produce = run("produce", "all", "--generate", "300", "--seed", "77", "--bootstrap-servers", pipeline.cluster.bootstrapServers(),
        "--schema-registry", pipeline.cluster.schemaRegistryUrl().toString());
    Run check = run("check", "--wait", "60", "--bootstrap-servers", pipeline.cluster.bootstrapServers(),
        "--schema-registry", pipeline.cluster.schemaRegistryUrl().toString(), "--view-service", pipeline.viewService.toString());

    assertThat(produce.exit()).as(produce.output()).isZero();
    assertThat(produce.output()).contains("sent 300 records");
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).containsPattern("\\d+ keys checked, 0 mismatches");
  }

  @Test
  void listsTheCataloguesTopicsAsExisting() throws Exception {
    Run list = run("topics", "list", "--bootstrap-servers", pipeline.cluster.bootstrapServers());

    assertThat(list.exit()).as(list.output()).isZero();
    assertThat(list.output()).contains("shop.orders").contains("shop.orders.dlq").contains("shop.views.order-status")
        .doesNotContain("missing");
  }

  @Test
  void failsInOneLineForAnUnknownTopic() throws Exception {
    Run run = run("produce", "shop.ordrs", "--generate", "1");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.output().strip()).startsWith("produce: unknown topic 'shop.ordrs'").doesNotContain("Exception");
  }

  private record Run(int exit, String output) {}

  private static Run run(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Pipeline.root().resolve("scripts").resolve(script).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish");
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
