package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadNamesTest {
  /** Header lines of a JDK 17 thread dump: thread ids in hex. */
  private static final String JDK_17 = """
      2026-12-02 07:12:01
      Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):

      "streamviews-processor-c1fe22e5-89e9-4299-adb3-82598eaae18d-StreamThread-1" #41 daemon prio=5 os_prio=0 cpu=5120.11ms elapsed=61.20s tid=0x00007f3a4c0b5000 nid=0x3039 runnable  [0x00007f39f8ffe000]
         java.lang.Thread.State: RUNNABLE
      \tat org.rocksdb.RocksDB.put(Native Method)

      "kafka-producer-network-thread | streamviews-processor-c1fe22e5-89e9-4299-adb3-82598eaae18d-StreamThread-1-producer" #44 daemon prio=5 os_prio=0 cpu=801.00ms elapsed=60.10s tid=0x00007f3a4c0c6000 nid=0x303c runnable  [0x00007f39f8dfc000]

      "C2 CompilerThread0" #6 daemon prio=9 os_prio=0 cpu=20113.55ms elapsed=62.01s tid=0x00007f3a6c137000 nid=0x2f11 waiting on condition  [0x0000000000000000]

      "GC Thread#0" os_prio=0 cpu=310.40ms elapsed=62.30s tid=0x00007f3a6c05a000 nid=0x2f02 runnable
      """;

  @Test
  void readsEachThreadsIdInHexAndItsNameWithoutKafkaStreamsClientId() {
    Map<Long, String> names = ThreadNames.parse(JDK_17);

    assertThat(names).containsOnly(
        Map.entry(0x3039L, "streamviews-processor-StreamThread-1"),
        Map.entry(0x303cL, "kafka-producer-network-thread | streamviews-processor-StreamThread-1-producer"),
        Map.entry(0x2f11L, "C2 CompilerThread0"),
        Map.entry(0x2f02L, "GC Thread#0"));
  }

  @Test
  void readsDecimalThreadIdsAsNewerJdksPrintThem() {
    String jdk21 = "\"kafka-log-cleaner-thread-0\" #88 [12345] prio=5 os_prio=0 cpu=40.12ms elapsed=30.00s tid=0x00007f00 nid=12345 waiting on"
        + " condition  [0x00007f01]\n";

    assertThat(ThreadNames.parse(jdk21)).containsOnly(Map.entry(12345L, "kafka-log-cleaner-thread-0"));
  }

  @Test
  void namesTheThreadsOfARunningJvm() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    Thread named = new Thread(() -> {
      try {
        done.await(); // alive, under its name, until the dump is taken
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "thread-names-test-sleeper");
    named.setDaemon(true);
    named.start();
    try {
      Map<Long, String> names = ThreadNames.of(ProcessHandle.current());

      // Where the JDK has jcmd (every JDK build does), the dump holds the thread by its full name.
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd"))) {
        assertThat(names).containsValue("thread-names-test-sleeper").containsValue("main");
      } else {
        assertThat(names).isEmpty();
      }
    } finally {
      done.countDown();
    }
  }
}
