package dev.streamviews.replay.kafka;

import java.util.List;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * A consumer group as the replay commands need it: whether Kafka knows it, its state, and who is
 * in it (to name the running instances a reset refuses to run beside).
 */
public record ConsumerGroup(String id, boolean known, GroupState state, List<Member> members) {

  /** One instance in the group. */
  public record Member(String clientId, String host, String instanceId) {
    @Override
    public String toString() {
      return clientId + " at " + host + (instanceId == null ? "" : " (instance " + instanceId + ")");
    }
  }

  static ConsumerGroup of(ConsumerGroupDescription description) {
    GroupState state = description.groupState();
    List<Member> members = description.members().stream()
        .map(member -> new Member(member.clientId(), member.host(), member.groupInstanceId().orElse(null)))
        .toList();
    // Older brokers describe a group they never heard of as DEAD rather than failing.
    boolean known = state != GroupState.DEAD || !members.isEmpty();
    return new ConsumerGroup(description.groupId(), known, state, members);
  }

  static ConsumerGroup unknown(String id) {
    return new ConsumerGroup(id, false, GroupState.DEAD, List.of());
  }

  /** Members are in and no rebalance is under way. */
  public boolean stableWithMembers() {
    return state == GroupState.STABLE && !members.isEmpty();
  }
}
