package dev.streamviews.replay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.replay.kafka.ConsumerGroup.Member;
import java.util.List;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

class ConsumerGroupTest {
  @Test
  void theStreamThreadsOfOneInstanceAreOneInstance() {
    ConsumerGroup group = new ConsumerGroup("app", true, GroupState.STABLE, List.of(
        new Member("app-1b72-StreamThread-1-consumer", "/127.0.0.1", "127.0.0.1-7070-1"),
        new Member("app-1b72-StreamThread-2-consumer", "/127.0.0.1", "127.0.0.1-7070-2"),
        new Member("app-95ed-StreamThread-12-consumer", "/10.0.0.2", "10.0.0.2-7070-12"),
        new Member("app-f260-StreamThread-1-consumer", "/10.0.0.3", null)));

    assertThat(group.instances()).containsExactly(
        "instance 127.0.0.1-7070 at /127.0.0.1",
        "instance 10.0.0.2-7070 at /10.0.0.2",
        "app-f260 at /10.0.0.3");
  }

  @Test
  void anInstanceThatStartedANewStreamsClientIsStillOneInstance() {
    // The old client's members stay in the group until their session times out.
    ConsumerGroup group = new ConsumerGroup("app", true, GroupState.STABLE, List.of(
        new Member("app-ff1d-StreamThread-1-consumer", "/127.0.0.1", "127.0.0.1-7070-1"),
        new Member("app-0be2-StreamThread-3-consumer", "/127.0.0.1", "127.0.0.1-7070-3"),
        new Member("app-0be2-StreamThread-4-consumer", "/127.0.0.1", "127.0.0.1-7070-4")));

    assertThat(group.instances()).containsExactly("instance 127.0.0.1-7070 at /127.0.0.1");
  }

  @Test
  void aConsumerThatIsNoStreamThreadIsAnInstanceOfItsOwn() {
    ConsumerGroup group = new ConsumerGroup("app", true, GroupState.STABLE, List.of(
        new Member("my-consumer", "/127.0.0.1", "worker-2"),
        new Member("my-consumer", "/127.0.0.2", null)));

    assertThat(group.instances()).containsExactly("my-consumer at /127.0.0.1 (instance worker-2)", "my-consumer at /127.0.0.2");
  }
}
