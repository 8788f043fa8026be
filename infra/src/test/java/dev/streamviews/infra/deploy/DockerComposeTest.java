package dev.streamviews.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/docker-compose.yml against the code. No Docker engine runs here, so the deployment is not
 * started: Debian's docker-compose validates the file and resolves it, and this test checks that
 * everything it names exists: the services, the variables the code reads, the ports the services
 * listen on, the health endpoints, and the jars the Dockerfiles copy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerComposeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path COMPOSE = ROOT.resolve("infra/docker-compose.yml");

  private Map<String, Map<String, Object>> services;
  private String mainSources;

  @BeforeAll
  @SuppressWarnings("unchecked")
  void resolveTheFile() throws Exception {
    Process config = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config").redirectErrorStream(true).start();
    String resolved = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(config.exitValue()).as("docker-compose config: " + resolved).isZero();
    services = (Map<String, Map<String, Object>>) ((Map<String, Object>) new Yaml().load(resolved)).get("services");
    mainSources = readMainSources();
  }

  @Test
  void describesTheDeploymentTheIssueAsksFor() {
    assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "schema-registry", "topics",
        "processor-0", "processor-1", "processor-2", "views-0", "views-1", "load-balancer");
    assertThat(services.get("schema-registry").get("image").toString()).startsWith("confluentinc/cp-schema-registry:");
    for (String kafka : List.of("kafka-1", "kafka-2", "kafka-3")) {
      assertThat(environment(kafka)).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }
  }

  @Test
  void givesEveryLongRunningServiceAHealthCheck() {
    services.forEach((name, service) -> {
      if (!name.equals("topics")) {
        assertThat(service).as(name).containsKey("healthcheck");
      }
    });
  }

  @Test
  void setsOnlyVariablesTheCodeReads() {
    for (String service : services.keySet()) {
      for (String variable : environment(service).keySet()) {
        if (variable.startsWith("STREAMVIEWS_")) {
          assertThat(mainSources).as(variable + " of " + service + " is read nowhere in the code").contains(variable);
        }
      }
    }
  }

  @Test
  void checksHealthAndPortsWhereTheServicesListen() throws IOException {
    String processorConfig = Files.readString(ROOT.resolve("stream-processors/src/main/resources/application.yml"));
    String viewConfig = Files.readString(ROOT.resolve("sinks/src/main/resources/application.yml"));
    assertThat(processorConfig).contains("${STREAMVIEWS_HTTP_PORT:8090}").contains("${STREAMVIEWS_QUERY_PORT:7070}");
    assertThat(viewConfig).contains("${STREAMVIEWS_HTTP_PORT:8080}");
    for (String processor : List.of("processor-0", "processor-1", "processor-2")) {
      assertThat(environment(processor)).containsEntry("STREAMVIEWS_HTTP_PORT", "8090").containsEntry("STREAMVIEWS_QUERY_PORT", "7070")
          .containsEntry("STREAMVIEWS_QUERY_HOST", processor).containsEntry("STREAMVIEWS_STANDBY_REPLICAS", "1");
      assertThat(healthcheck(processor)).contains("http://localhost:8090/healthz/readiness");
      assertThat(volumes(processor)).anyMatch(volume -> volume.contains(":" + environment(processor).get("STREAMVIEWS_STATE_DIR")));
    }
    for (String views : List.of("views-0", "views-1")) {
      assertThat(environment(views)).containsEntry("STREAMVIEWS_HTTP_PORT", "8080")
          .containsEntry("STREAMVIEWS_PROCESSORS", "processor-0:7070,processor-1:7070,processor-2:7070");
      assertThat(healthcheck(views)).contains("http://localhost:8080/healthz/readiness");
    }
    assertThat(mainSources).contains("@Controller(\"/healthz\")").contains("@Get(\"/readiness\")");
  }

  @Test
  void buildsImagesFromDockerfilesThatCopyTheJarsTheBuildMakes() throws IOException {
    for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
      Object build = service.getValue().get("build");
      if (build == null) {
        continue;
      }
      Path dockerfile = ROOT.resolve(((Map<?, ?>) build).get("dockerfile").toString());
      assertThat(dockerfile).as(service.getKey()).exists();
      String module = dockerfile.getParent().getFileName().toString();
      String finalName = tag(Files.readString(ROOT.resolve(module).resolve("pom.xml")), "finalName");
      assertThat(Files.readString(dockerfile)).as(dockerfile.toString())
          .contains("COPY " + module + "/target/" + finalName + ".jar").contains("COPY " + module + "/target/lib/");
    }
  }

  @Test
  void balancesOverTheViewServicesOfTheFile() throws IOException {
    String haproxy = Files.readString(ROOT.resolve("infra/haproxy/haproxy.cfg"));
    Matcher servers = Pattern.compile("server \\S+ (\\S+):(\\d+)").matcher(haproxy);
    List<String> backends = new ArrayList<>();
    while (servers.find()) {
      backends.add(servers.group(1));
      assertThat(servers.group(2)).isEqualTo("8080");
    }
    assertThat(backends).containsExactlyInAnyOrder("views-0", "views-1");
    assertThat(haproxy).contains("option httpchk GET /healthz/readiness");
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> environment(String service) {
    Object environment = services.get(service).get("environment");
    return environment == null ? Map.of() : (Map<String, String>) environment;
  }

  private String healthcheck(String service) {
    return String.valueOf(((Map<?, ?>) services.get(service).get("healthcheck")).get("test"));
  }

  @SuppressWarnings("unchecked")
  private List<String> volumes(String service) {
    return ((List<Object>) services.get(service).getOrDefault("volumes", List.of())).stream().map(String::valueOf).toList();
  }

  private static String tag(String xml, String name) {
    Matcher matcher = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
    assertThat(matcher.find()).as(name).isTrue();
    return matcher.group(1);
  }

  private static String readMainSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file : files.filter(f -> f.toString().contains("/src/main/") && !f.toString().contains("/target/"))
          .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".yml") || f.toString().endsWith(".properties"))
          .toList()) {
        all.append(Files.readString(file)).append('\n');
      }
    }
    return all.toString();
  }
}
