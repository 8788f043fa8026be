package dev.streamviews.processors.topology;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.config.StreamsProperties;
import dev.streamviews.schemas.registry.InMemorySchemaRegistry;
import dev.streamviews.schemas.topics.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology and Streams configuration under {@link TopologyTestDriver}, with an
 * in-memory schema registry: what the topology tests drive.
 */
public final class ShopTopologyDriver implements AutoCloseable {
  public final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  public final TopologySerdes serdes = new TopologySerdes(registry);
  public final List<String> deadLettered = new ArrayList<>();
  public final TopologyTestDriver driver;

  /** The production topology, but for the partition check: the driver puts every record in partition 0. */
  public ShopTopologyDriver(Path stateDir) {
    this(stateDir, Map.of(ShopTopology.PARTITION_CHECK_CONFIG, "false"));
  }

  /** @param streamsOverrides Streams configs that differ from production, each with its reason at the caller */
  public ShopTopologyDriver(Path stateDir, Map<String, String> streamsOverrides) {
    ProcessorSettings settings = new ProcessorSettings("streamviews-test", "unused:9092", "mock://registry",
        stateDir.toString(), "127.0.0.1", 7070, null, 0, 1, 1, 100, 60_000, 10_000, 60_000, 10_000, 10_000, 30_000, streamsOverrides);
    Properties config = StreamsProperties.of(settings, deadLettered::add);
    driver = new TopologyTestDriver(ShopTopology.build(serdes, config), config);
  }

  public <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
    return driver.createInputTopic(topic.name(), new StringSerializer(), serdes.events(topic).serializer());
  }

  /** An input topic that takes any bytes, for records no producer of ours would write. */
  public TestInputTopic<byte[], byte[]> rawInput(Topic<?> topic) {
    return driver.createInputTopic(topic.name(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  public <V extends SpecificRecord> TestOutputTopic<String, V> output(Topic<V> topic) {
    return driver.createOutputTopic(topic.name(), new StringDeserializer(), serdes.views(topic).deserializer());
  }

  public TestOutputTopic<String, dev.streamviews.schemas.late.LateOrderLine> lateLines() {
    return driver.createOutputTopic(dev.streamviews.schemas.topics.Topics.LATE_EVENTS.name(), new StringDeserializer(),
        serdes.views(dev.streamviews.schemas.topics.Topics.LATE_EVENTS).deserializer());
  }

  public TestOutputTopic<byte[], byte[]> deadLetters(Topic<?> source) {
    return driver.createOutputTopic(source.deadLetters().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}
