package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceInstanceTopicsTest {
  @Test
  void theReferenceInstanceWritesEveryViewToATopicOfItsOwnNeverTheCatalogues() {
    List<String> catalogue = Topics.views().stream().map(Topic::name).toList();

    List<String> reference = new ReferenceInstanceTopics("127.0.0.1:9", "bench-alo").viewTopics();

    assertThat(reference).hasSameSizeAs(catalogue).doesNotContainAnyElementsOf(catalogue)
        .allSatisfy(name -> assertThat(name).startsWith("shop.views.").endsWith(".v" + ReferenceInstanceTopics.VIEWS_VERSION));
    assertThat(reference).contains("shop.views.order-status.v" + ReferenceInstanceTopics.VIEWS_VERSION);
  }
}
