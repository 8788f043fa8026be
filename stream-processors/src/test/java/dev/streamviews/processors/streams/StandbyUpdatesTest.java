package dev.streamviews.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener.SuspendReason;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the log says about standby copies, from the calls Kafka Streams makes to the listener. */
class StandbyUpdatesTest {
  private static final TopicPartition CHANGELOG = new TopicPartition("app-order-status-changelog", 3);
  private static final TaskId TASK = new TaskId(0, 3);

  private final Logger logger = (Logger) LoggerFactory.getLogger(StandbyUpdates.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final StandbyUpdates updates = new StandbyUpdates();

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void saysWhenACopyLoadsTheWholeChangelogAndHowManyRecordsItLoadedBeforeItWasPromoted() {
    updates.onUpdateStart(CHANGELOG, "order-status", 0);
    updates.onBatchLoaded(CHANGELOG, "order-status", TASK, 999, 1_000, 2_400);
    updates.onBatchLoaded(CHANGELOG, "order-status", TASK, 2_399, 1_400, 2_400);
    updates.onUpdateSuspended(CHANGELOG, "order-status", 2_400, 2_400, SuspendReason.PROMOTED);

    assertThat(messages()).containsExactly(
        "Standby copy of order-status follows app-order-status-changelog-3 from offset 0 (the whole changelog: a new copy, or one wiped)",
        "Standby copy of order-status stopped following app-order-status-changelog-3 (promoted to active) at offset 2400 of 2400,"
            + " 2400 records loaded");
  }

  @Test
  void aCopyThatResumesFromItsCheckpointLoadsOnlyTheRestAndCountsOnlyWhatItLoadedSince() {
    updates.onUpdateStart(CHANGELOG, "order-status", 0);
    updates.onBatchLoaded(CHANGELOG, "order-status", TASK, 499, 500, 2_400);
    updates.onUpdateSuspended(CHANGELOG, "order-status", 500, 2_400, SuspendReason.MIGRATED);
    updates.onUpdateStart(CHANGELOG, "order-status", 1_800);
    updates.onBatchLoaded(CHANGELOG, "order-status", TASK, 2_399, 600, 2_400);
    updates.onUpdateSuspended(CHANGELOG, "order-status", 2_400, 2_400, SuspendReason.MIGRATED);

    assertThat(messages()).element(2).isEqualTo("Standby copy of order-status follows app-order-status-changelog-3 from offset 1800");
    assertThat(messages()).element(3).isEqualTo(
        "Standby copy of order-status stopped following app-order-status-changelog-3 (moved to another instance) at offset 2400 of 2400,"
            + " 600 records loaded");
  }

  private List<String> messages() {
    return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
