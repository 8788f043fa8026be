package dev.streamviews.sinks;

import io.micronaut.runtime.Micronaut;

/**
 * The view service: stateless, any number of instances. Serves the views over REST by asking
 * the processor instance that holds each key, over the internal query API.
 */
public final class ViewServiceApplication {
  private ViewServiceApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).banner(false).mainClass(ViewServiceApplication.class).start();
  }
}
