package dev.streamviews.sinks.query;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** One asynchronous unary gRPC call, as a future of its reply (or of its {@code StatusRuntimeException}). */
final class UnaryCall<R> implements StreamObserver<R> {
  private final CompletableFuture<R> reply = new CompletableFuture<>();
  private R value;

  private UnaryCall() {}

  /** Starts the call, giving it the observer that completes the future. */
  static <R> CompletableFuture<R> start(Consumer<StreamObserver<R>> call) {
    UnaryCall<R> observer = new UnaryCall<>();
    call.accept(observer);
    return observer.reply;
  }

  @Override
  public void onNext(R value) {
    this.value = value;
  }

  @Override
  public void onError(Throwable error) {
    reply.completeExceptionally(error);
  }

  @Override
  public void onCompleted() {
    reply.complete(value);
  }
}
