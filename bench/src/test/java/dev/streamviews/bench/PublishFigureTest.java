package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Figure A runs the CLI's JVM as {@code scripts/produce} does. */
class PublishFigureTest {
  @Test
  void scriptsProduceGivesTheCliTheJvmOptionsFigureARunsItWith() throws Exception {
    // The tests run in the bench module's directory.
    String script = Files.readString(Path.of("..", "scripts", "produce"));

    assertThat(script).contains("STREAMVIEWS_JAVA_OPTS=\"" + String.join(" ", PublishFigure.CLI_JVM_OPTIONS) + " ${STREAMVIEWS_JAVA_OPTS:-}\"");
  }

  @Test
  void extraOptionsGoAfterTheClis() {
    List<String> profiling = List.of("-agentpath:/tmp/libasyncProfiler.so=start,file=publish-ours.log.collapsed");

    assertThat(PublishFigure.cliJvmOptions(List.of())).isEqualTo(PublishFigure.CLI_JVM_OPTIONS);
    assertThat(PublishFigure.cliJvmOptions(profiling)).containsExactly("-XX:+UseParallelGC", profiling.get(0));
  }

  @Test
  void aCollectorAmongTheExtraOptionsReplacesTheClis() {
    // The JVM refuses to start with two collectors.
    assertThat(PublishFigure.cliJvmOptions(List.of("-XX:+UseG1GC", "-Xlog:gc"))).containsExactly("-XX:+UseG1GC", "-Xlog:gc");
    assertThat(PublishFigure.cliJvmOptions(List.of("-XX:+UseSerialGC"))).containsExactly("-XX:+UseSerialGC");
  }
}
