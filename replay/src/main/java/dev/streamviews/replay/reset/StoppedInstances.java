package dev.streamviews.replay.reset;

import dev.streamviews.producers.CliFailure;
import dev.streamviews.replay.kafka.ConsumerGroup;
import dev.streamviews.replay.kafka.ConsumerGroup.Member;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The members a group still holds for instances that have stopped. A processor is a static member
 * of its group: when it stops, its stream threads stay members until their session times out, and
 * until then a reset would refuse. Each processor's static id is its query endpoint, {@code host:port}
 * written {@code host-port}; an instance whose endpoint takes no connection has stopped. Anything
 * this cannot tell apart (a member that is not static, an id that is no endpoint, an endpoint that
 * answers) is refused, naming it, and nothing is removed.
 */
final class StoppedInstances {
  /** A host name or IPv4 address, a dash, a port: what the processors' static ids are made of. */
  private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)-(\\d{1,5})");

  /** The static ids of the members to remove ({@code group.instance.id}, one per stream thread). */
  private final List<String> memberIds;
  private final int instances;

  private StoppedInstances(List<String> memberIds, int instances) {
    this.memberIds = memberIds;
    this.instances = instances;
  }

  /**
   * Knocks on every member's instance endpoint, each at most {@code patience}.
   *
   * @throws CliFailure when a member is not shown to belong to a stopped instance
   */
  static StoppedInstances of(ConsumerGroup group, Duration patience) {
    Map<String, List<String>> membersByInstance = new LinkedHashMap<>();
    for (Member member : group.members()) {
      String instance = member.staticInstance().orElseThrow(() -> new CliFailure("cannot remove " + member
          + " from " + group.id() + ": it is not a static member of a stream thread, so it leaves the group when it stops"));
      membersByInstance.computeIfAbsent(instance, any -> new ArrayList<>()).add(member.instanceId());
    }
    for (String instance : membersByInstance.keySet()) {
      InetSocketAddress endpoint = endpoint(instance).orElseThrow(() -> new CliFailure("cannot tell whether instance "
          + instance + " of " + group.id() + " has stopped: its id is no host-port endpoint; wait for its session to time out"));
      if (answers(endpoint, patience)) {
        throw new CliFailure("refusing to remove instance " + instance + " from " + group.id() + ": it answers at "
            + endpoint.getHostString() + ":" + endpoint.getPort() + ", so it still runs; stop it first");
      }
    }
    List<String> memberIds = membersByInstance.values().stream().flatMap(List::stream).toList();
    return new StoppedInstances(memberIds, membersByInstance.size());
  }

  /** {@code host-port} (a processor's static id) as the endpoint it was made from. */
  static Optional<InetSocketAddress> endpoint(String instance) {
    Matcher matcher = ENDPOINT.matcher(instance);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int port = Integer.parseInt(matcher.group(2));
    return port > 0 && port < 65536
        ? Optional.of(InetSocketAddress.createUnresolved(matcher.group(1), port))
        : Optional.empty();
  }

  private static boolean answers(InetSocketAddress endpoint, Duration patience) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHostString(), endpoint.getPort()), (int) patience.toMillis());
      return true;
    } catch (IOException refusedUnknownOrSilent) {
      return false;
    }
  }

  List<String> memberIds() {
    return memberIds;
  }

  int instances() {
    return instances;
  }
}
