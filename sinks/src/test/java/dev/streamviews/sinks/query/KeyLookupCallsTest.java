package dev.streamviews.sinks.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.sinks.FakeProcessor;
import dev.streamviews.sinks.routing.Endpoint;
import dev.streamviews.sinks.routing.QueryChannels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key lookups sent together to a scripted processor instance on a real gRPC server. */
class KeyLookupCallsTest {
  private static final Duration PATIENT = Duration.ofSeconds(10);

  private FakeProcessor processor;
  private QueryChannels channels;
  private KeyLookupCalls lookups;
  private Endpoint endpoint;

  @BeforeEach
  void start() throws IOException {
    processor = new FakeProcessor();
    channels = new QueryChannels();
    lookups = new KeyLookupCalls(channels);
    endpoint = new Endpoint("127.0.0.1", processor.port());
    for (int i = 0; i < 20; i++) {
      processor.replies.put("o-" + i, KeyReply.newBuilder().setOutcome(Outcome.FOUND).setPartition(i).build());
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    lookups.close();
    channels.close();
    processor.close();
  }

  @Test
  void sendsTheLookupsThatWaitedAsOneCallAndGivesEachKeyItsOwnReply() throws Exception {
    // Given two calls under way that the instance holds back
    processor.holdKeyCalls = new CompletableFuture<>();
    List<CompletableFuture<KeyReply>> replies = new ArrayList<>();
    replies.add(lookup("o-0", PATIENT));
    replies.add(lookup("o-1", PATIENT));
    Awaitility.await().atMost(PATIENT).until(() -> processor.keyCalls.get() == 2);

    // When ten more lookups come meanwhile, and then the instance answers
    for (int i = 2; i < 12; i++) {
      replies.add(lookup("o-" + i, PATIENT));
    }
    processor.holdKeyCalls.complete(null);

    // Then the ten went out together, and every lookup has the reply for its own key
    for (int i = 0; i < replies.size(); i++) {
      assertThat(replies.get(i).get(10, TimeUnit.SECONDS).getPartition()).isEqualTo(i);
    }
    assertThat(processor.keyCalls.get()).isEqualTo(3);
    assertThat(processor.keyRequests).hasSize(12);
  }

  @Test
  void failsEveryLookupOfAFailedCallWithTheCallsStatus() {
    processor.failure = Status.UNAVAILABLE;

    CompletableFuture<KeyReply> reply = lookup("o-1", PATIENT);

    assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(StatusRuntimeException.class)
        .satisfies(error -> assertThat(((StatusRuntimeException) error).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void aLookupWhoseTimeoutPassesFailsAloneWhileTheCallItTravelsInGoesOn() throws Exception {
    // Given two calls held back, and two lookups waiting behind them, one of them in a hurry
    processor.holdKeyCalls = new CompletableFuture<>();
    lookup("o-0", PATIENT);
    lookup("o-1", PATIENT);
    Awaitility.await().atMost(PATIENT).until(() -> processor.keyCalls.get() == 2);
    CompletableFuture<KeyReply> hurried = lookup("o-2", Duration.ofMillis(200));
    CompletableFuture<KeyReply> patient = lookup("o-3", PATIENT);

    // When its timeout passes, it fails with DEADLINE_EXCEEDED as a call of its own would
    assertThatThrownBy(() -> hurried.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(StatusRuntimeException.class)
        .satisfies(error -> assertThat(((StatusRuntimeException) error).getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    assertThat(patient).isNotDone();

    // Then the other is answered once the instance answers
    processor.holdKeyCalls.complete(null);
    assertThat(patient.get(10, TimeUnit.SECONDS).getPartition()).isEqualTo(3);
  }

  @Test
  void asksKeyByKeyAnInstanceThatDoesNotKnowGetKeys() throws Exception {
    processor.knowsGetKeys = false;

    KeyReply first = lookup("o-4", PATIENT).get(10, TimeUnit.SECONDS);
    KeyReply second = lookup("o-5", PATIENT).get(10, TimeUnit.SECONDS);

    assertThat(first.getPartition()).isEqualTo(4);
    assertThat(second.getPartition()).isEqualTo(5);
    // Each answered by a GetKey of its own: only GetKey calls are counted when GetKeys is unknown.
    assertThat(processor.keyCalls.get()).isEqualTo(2);
    assertThat(processor.keyRequests).extracting(KeyRequest::getKey).containsExactly("o-4", "o-5");
  }

  private CompletableFuture<KeyReply> lookup(String key, Duration timeout) {
    return lookups.get(endpoint, KeyRequest.newBuilder().setView("order-status").setKey(key).build(), timeout);
  }
}
