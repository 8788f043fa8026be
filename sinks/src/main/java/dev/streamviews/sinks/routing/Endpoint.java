package dev.streamviews.sinks.routing;

/** A processor instance's query API address. */
public record Endpoint(String host, int port) {

  /** Parses {@code host:port}. */
  public static Endpoint parse(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostAndPort.length() - 1) {
      throw new IllegalArgumentException("expected host:port, got '" + hostAndPort + "'");
    }
    return new Endpoint(hostAndPort.substring(0, colon).trim(), Integer.parseInt(hostAndPort.substring(colon + 1).trim()));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
