package dev.streamviews.bench;

import dev.streamviews.schemas.control.Versions;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics of B′'s reference, a second processor instance (at-least-once, a group of its own)
 * running the same views over the same backlog. It emits its views to topics of its own, a views
 * version of the catalogue's names ({@code shop.views.order-status.v2}), so the instance the later
 * figures measure has view topics holding its own records only, as a deployment's would: when both
 * wrote {@code shop.views.*}, those topics held every view record twice, filled segments the
 * broker's log cleaner then compacted through D and E (0.2 of a core while restoring, 0.6 in E's
 * slowest seconds; docs/BENCHMARKS.md). Once B′ is counted, its view topics and internal topics are
 * deleted.
 */
final class ReferenceInstanceTopics {
  /** The views version whose topic names the reference instance writes to. */
  static final int VIEWS_VERSION = 2;

  private final String bootstrapServers;
  private final String applicationId;

  ReferenceInstanceTopics(String bootstrapServers, String applicationId) {
    this.bootstrapServers = bootstrapServers;
    this.applicationId = applicationId;
  }

  /** The reference instance's view topics. */
  List<String> viewTopics() {
    return Topics.views().stream().map(view -> Versions.viewTopic(view.name(), VIEWS_VERSION)).toList();
  }

  /** Its view topics, configured as the catalogue's (compacted, as many partitions). */
  void create() {
    List<NewTopic> topics = new ArrayList<>();
    for (Topic<?> view : Topics.views()) {
      topics.add(new NewTopic(Versions.viewTopic(view.name(), VIEWS_VERSION), view.spec().partitions(), (short) 1)
          .configs(view.spec().allConfigs()));
    }
    withAdmin(admin -> admin.createTopics(topics).all().get(30, TimeUnit.SECONDS));
  }

  /** Its view topics and its internal topics (changelogs, repartitions: every topic named {@code <application id>-...}). */
  void delete(GroupProgress kafka) {
    List<String> topics = new ArrayList<>(viewTopics());
    topics.addAll(kafka.topicsMatching(Pattern.quote(applicationId) + "-.*"));
    withAdmin(admin -> admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS));
  }

  private interface AdminCall {
    void run(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;
  }

  private void withAdmin(AdminCall call) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      call.run(admin);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create or delete the reference instance's topics", e);
    }
  }
}
