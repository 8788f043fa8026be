package dev.streamviews.processors.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.config.StreamsProperties;
import dev.streamviews.processors.streams.ProcessorStreams;
import dev.streamviews.processors.topology.ShopTopology;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.schemas.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local state against the generation it was built under, with a real (never started) Kafka Streams client. */
class LocalStateGenerationsTest {
  @TempDir
  Path stateDir;

  @Test
  void keepsStateBuiltUnderTheCurrentGeneration() throws IOException {
    Path store = storeFile("streamviews-processor");
    LocalStateGenerations generations = new LocalStateGenerations(stateDir);
    try (ProcessorStreams version = version(1)) {
      generations.prepare(version, 0);
      generations.prepare(version, 0);
    }

    assertThat(store).exists();
    assertThat(stateDir.resolve("streamviews-processor.generation")).hasContent("0");
  }

  @Test
  void wipesStateBuiltUnderAnEarlierGeneration() throws IOException {
    LocalStateGenerations generations = new LocalStateGenerations(stateDir);
    try (ProcessorStreams version = version(1)) {
      generations.prepare(version, 0);
    }
    Path store = storeFile("streamviews-processor");

    try (ProcessorStreams version = version(1)) {
      generations.prepare(version, 1_763_000_000_000L); // a reset since
    }

    assertThat(store).doesNotExist();
    assertThat(stateDir.resolve("streamviews-processor.generation")).hasContent("1763000000000");
  }

  @Test
  void wipesUnnotedStateWhenThePipelineWasResetSince() throws IOException {
    Path store = storeFile("streamviews-processor"); // state from before generations were noted

    try (ProcessorStreams version = version(1)) {
      new LocalStateGenerations(stateDir).prepare(version, 5);
    }

    assertThat(store).doesNotExist();
  }

  @Test
  void removesOnlyThisPipelinesVersionsThatAreNoLongerWanted() throws IOException {
    Path old = storeFile("streamviews-processor");
    Files.writeString(stateDir.resolve("streamviews-processor.generation"), "0");
    Path current = storeFile("streamviews-processor.v2");
    Path another = storeFile("another-app");

    new LocalStateGenerations(stateDir).removeOtherVersions("streamviews-processor", Set.of("streamviews-processor.v2"));

    assertThat(old).doesNotExist();
    assertThat(stateDir.resolve("streamviews-processor.generation")).doesNotExist();
    assertThat(current).exists();
    assertThat(another).exists();
  }

  private Path storeFile(String applicationId) throws IOException {
    Path file = stateDir.resolve(applicationId).resolve("0_0").resolve("rocksdb").resolve("order-status").resolve("000001.sst");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "data");
  }

  private ProcessorStreams version(int version) {
    ProcessorSettings settings = new ProcessorSettings("streamviews-processor", "127.0.0.1:1", "mock://registry",
        stateDir.toString(), "127.0.0.1", 7070, null, 0, 1, 1, 100, 60_000, 10_000, 60_000, 10_000, 10_000, 30_000, Map.of());
    Properties config = StreamsProperties.of(settings, topic -> { }, version, "streamviews-processor@0");
    return new ProcessorStreams(version, ShopTopology.build(new TopologySerdes(new InMemorySchemaRegistry()), config), config);
  }
}
