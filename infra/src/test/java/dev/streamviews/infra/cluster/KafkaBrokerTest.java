package dev.streamviews.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
  private static final KafkaBroker.Config CONFIG =
      new KafkaBroker.Config(Path.of("/data"), "127.0.0.1", 9092, 9093, "kafka.jar", "1g");

  @Test
  void anOperatorsJvmOptionsComeAfterOursSoThatTheirsWin() {
    List<String> options = KafkaBroker.jvmOptions(CONFIG, Path.of("/data/broker-logback.xml"),
        " -Dlogback.configurationFile=/tmp/requests.xml   -agentpath:/tmp/profiler.so=start ");

    assertThat(options).containsSubsequence("-Xmx1g", "-Dlogback.configurationFile=/data/broker-logback.xml",
        "-Dlogback.configurationFile=/tmp/requests.xml", "-agentpath:/tmp/profiler.so=start");
    assertThat(options).endsWith("-agentpath:/tmp/profiler.so=start");
  }

  @Test
  void withoutAnyTheBrokerRunsWithOursAlone() {
    assertThat(KafkaBroker.jvmOptions(CONFIG, Path.of("/data/broker-logback.xml"), null))
        .isEqualTo(KafkaBroker.jvmOptions(CONFIG, Path.of("/data/broker-logback.xml"), "  "))
        .last().isEqualTo("-Dlogback.configurationFile=/data/broker-logback.xml");
  }
}
