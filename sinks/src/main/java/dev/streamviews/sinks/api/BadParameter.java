package dev.streamviews.sinks.api;

/** A request parameter that cannot be used as given: answered 400 problem+json naming it. */
final class BadParameter extends RuntimeException {
  final String parameter;

  BadParameter(String parameter, String detail) {
    super(detail);
    this.parameter = parameter;
  }
}
