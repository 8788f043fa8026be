package dev.streamviews.replay.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamviews.producers.CliFailure;
import dev.streamviews.replay.kafka.ConsumerGroup;
import dev.streamviews.replay.kafka.ConsumerGroup.Member;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

class StoppedInstancesTest {
  private static final Duration PATIENCE = Duration.ofSeconds(2);

  @Test
  void membersOfInstancesWhoseEndpointsTakeNoConnectionAreRemovedEveryThreadOfThem() throws Exception {
    int stoppedA = closedPort();
    int stoppedB = closedPort();
    ConsumerGroup group = group(
        thread("a1", 1, "127.0.0.1-" + stoppedA + "-1"), thread("a1", 2, "127.0.0.1-" + stoppedA + "-2"),
        thread("b7", 1, "localhost-" + stoppedB + "-1"));

    StoppedInstances stopped = StoppedInstances.of(group, PATIENCE);

    assertThat(stopped.instances()).isEqualTo(2);
    assertThat(stopped.memberIds()).containsExactly("127.0.0.1-" + stoppedA + "-1", "127.0.0.1-" + stoppedA + "-2",
        "localhost-" + stoppedB + "-1");
  }

  @Test
  void anInstanceThatAnswersStopsTheRemovalOfAll() throws Exception {
    try (ServerSocket running = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ConsumerGroup group = group(thread("a1", 1, "127.0.0.1-" + closedPort() + "-1"),
          thread("c3", 1, "127.0.0.1-" + running.getLocalPort() + "-1"));

      assertThatThrownBy(() -> StoppedInstances.of(group, PATIENCE)).isInstanceOf(CliFailure.class)
          .hasMessage("refusing to remove instance 127.0.0.1-" + running.getLocalPort() + " from app: it answers at 127.0.0.1:"
              + running.getLocalPort() + ", so it still runs; stop it first");
    }
  }

  @Test
  void aMemberThatIsNotStaticOrWhoseIdIsNoEndpointIsRefused() {
    assertThatThrownBy(() -> StoppedInstances.of(group(thread("a1", 1, null)), PATIENCE)).isInstanceOf(CliFailure.class)
        .hasMessageContaining("is not a static member");
    assertThatThrownBy(() -> StoppedInstances.of(group(thread("a1", 1, "worker_two-1")), PATIENCE)).isInstanceOf(CliFailure.class)
        .hasMessageContaining("cannot tell whether instance worker_two of app has stopped");
  }

  @Test
  void aStaticIdIsReadBackAsTheEndpointItWasMadeFrom() {
    assertThat(StoppedInstances.endpoint("processor-0.processors.shop.svc-7070"))
        .contains(InetSocketAddress.createUnresolved("processor-0.processors.shop.svc", 7070));
    assertThat(StoppedInstances.endpoint("10.0.0.2-7070")).contains(InetSocketAddress.createUnresolved("10.0.0.2", 7070));
    // An IPv6 endpoint, its brackets and colons written as dashes, names no host; nor do these.
    assertThat(StoppedInstances.endpoint("--1--7070")).isEmpty();
    assertThat(StoppedInstances.endpoint("host-99999")).isEmpty();
    assertThat(StoppedInstances.endpoint("host")).isEmpty();
  }

  private static ConsumerGroup group(Member... members) {
    return new ConsumerGroup("app", true, GroupState.STABLE, List.of(members));
  }

  private static Member thread(String process, int thread, String instanceId) {
    return new Member("app-" + process + "-StreamThread-" + thread + "-consumer", "/127.0.0.1", instanceId);
  }

  /** A port nothing listens on: one the system just handed out and took back. */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
