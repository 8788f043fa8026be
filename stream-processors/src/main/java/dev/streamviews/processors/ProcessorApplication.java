package dev.streamviews.processors;

import io.micronaut.runtime.Micronaut;

/**
 * A stream processor instance: runs the topology with Kafka Streams, answers the internal query
 * API (gRPC) on its application.server address, and health and metrics over HTTP.
 */
public final class ProcessorApplication {
  private ProcessorApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).banner(false).mainClass(ProcessorApplication.class).start();
  }
}
