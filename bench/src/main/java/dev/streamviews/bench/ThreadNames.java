package dev.streamviews.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full names of a JVM's threads by their operating-system thread id, from {@code jcmd <pid>
 * Thread.print}. Linux keeps only 15 characters of a thread's name, so in {@code /proc} every
 * Kafka Streams thread of the processor is "streamviews-pro"; the JVM's own dump says which one is
 * the stream thread, the state updater or the producer's I/O thread. A dump stops the JVM at a
 * safepoint for a moment, so it is taken once measuring is over.
 */
final class ThreadNames {
  /**
   * {@code "name" #12 daemon prio=5 ... nid=0x3039 ...} (JDK 17: hex) or {@code ... nid=12345 ...}
   * (JDK 19 on: decimal); VM threads have no {@code #12}.
   */
  private static final Pattern THREAD_LINE = Pattern.compile("^\"(.*?)\"\\s+(?:#|daemon|prio=|os_prio=).*?\\bnid=(0x[0-9a-fA-F]+|\\d+)\\b");
  /** Kafka Streams puts its client's UUID into every thread name; without it the names read alike across runs. */
  private static final Pattern UUID = Pattern.compile("-?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private ThreadNames() {}

  /** The names of the JVM's threads by thread id; empty if the JDK has no jcmd or the JVM did not answer. */
  static Map<Long, String> of(ProcessHandle jvm) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return Map.of();
    }
    try {
      Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), "Thread.print").redirectErrorStream(true).start();
      byte[] out = dump.getInputStream().readAllBytes();
      if (!dump.waitFor(30, TimeUnit.SECONDS) || dump.exitValue() != 0) {
        dump.destroyForcibly();
        return Map.of();
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /** Thread id to name, from a thread dump's header lines; names without Kafka Streams' client UUID. */
  static Map<Long, String> parse(String threadDump) {
    Map<Long, String> names = new HashMap<>();
    for (String line : threadDump.split("\n")) {
      Matcher thread = THREAD_LINE.matcher(line);
      if (thread.find()) {
        String nid = thread.group(2);
        long tid = nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid);
        names.put(tid, UUID.matcher(thread.group(1)).replaceAll(""));
      }
    }
    return names;
  }
}
