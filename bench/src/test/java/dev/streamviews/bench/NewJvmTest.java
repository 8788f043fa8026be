package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM the bench starts on its own class path, which holds the logback.xml of several of our
 * CLIs (infra's and the producer's here too): it logs as the bench does, without logback's status.
 */
class NewJvmTest {
  @Test
  void logsAsTheBenchDoesWithoutLogbacksStartUpStatus() {
    String output = NewJvm.run("logging probe", List.of(), LoggingProbe.class.getName(), List.of());

    assertThat(output)
        .contains("probe printed")
        .contains("WARN  library.code - a library's warning")
        .doesNotContain("a library's info line")
        .doesNotContain("|-INFO in ch.qos.logback")
        .doesNotContain("occurs multiple times on the classpath");
  }

  @Test
  void theCallersOptionsWinOverTheBenchsLogging(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("callers-logback.xml"), """
        <configuration>
          <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>caller's format: %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);

    String output = NewJvm.run("logging probe", List.of("-Dlogback.configurationFile=" + config),
        LoggingProbe.class.getName(), List.of());

    assertThat(output)
        .contains("caller's format: a library's info line")
        .contains("caller's format: a library's warning");
  }

  @Test
  void saysWhatAJvmThatFailedPrinted() {
    assertThatThrownBy(() -> NewJvm.run("logging probe", List.of(), LoggingProbe.class.getName(), List.of("fail")))
        .hasMessageContaining("logging probe exited with 3")
        .hasMessageContaining("probe printed");
  }

  /** Logs a line at INFO and one at WARN from a library's logger, then exits with 3 if asked to fail. */
  public static final class LoggingProbe {
    public static void main(String[] args) {
      Logger library = LoggerFactory.getLogger("library.code");
      library.info("a library's info line");
      library.warn("a library's warning");
      System.out.println("probe printed");
      System.out.flush();
      if (args.length > 0) {
        System.exit(3);
      }
    }
  }
}
