package dev.streamviews.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

  @Test
  void settingsOfOnesOwnReplaceOursAndAddToThem() throws Exception {
    KafkaBroker.Config config = new KafkaBroker.Config(Path.of("/data"), "127.0.0.1", 9092, 9093, "kafka.jar", "1g",
        Map.of("log.segment.bytes", "1048576", "log.retention.check.interval.ms", "1000"));

    Properties ours = load(KafkaBroker.serverProperties(CONFIG));
    Properties theirs = load(KafkaBroker.serverProperties(config));

    assertThat(ours.getProperty("log.segment.bytes")).isEqualTo("67108864");
    assertThat(ours).doesNotContainKey("log.retention.check.interval.ms");
    assertThat(theirs.getProperty("log.segment.bytes")).isEqualTo("1048576");
    assertThat(theirs.getProperty("log.retention.check.interval.ms")).isEqualTo("1000");
    assertThat(theirs.getProperty("listeners")).isEqualTo(ours.getProperty("listeners"));
    assertThat(KafkaBroker.serverProperties(config).lines().filter(line -> line.startsWith("log.segment.bytes="))).hasSize(1);
  }

  private static Properties load(String text) throws java.io.IOException {
    Properties properties = new Properties();
    properties.load(new java.io.StringReader(text));
    return properties;
  }
}
