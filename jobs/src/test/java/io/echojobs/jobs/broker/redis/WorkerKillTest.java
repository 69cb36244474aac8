package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.broker.QueueFigures;
import io.echojobs.jobs.testing.LedgerWorkerMain;
import io.echojobs.jobs.testing.LedgerWorkerMain.Entry;
import io.echojobs.jobs.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a worker process (SIGKILL, no shutdown hook, no hand-back) in the middle of 1,000 messages
 * and starts another: the messages the dead worker held come back when their lease ends and run
 * again, none is lost, and the idempotent actor applies each effect once.
 *
 * <p>The workers are child JVMs running {@link LedgerWorkerMain} on this test's classpath (the jobs
 * module's surefire runs without a manifest-only jar, so {@code java.class.path} is the whole
 * classpath). Each message blocks for {@value #WORK_MILLIS} ms and {@value #CONCURRENCY} run at
 * once, so at any moment of the run the worker holds some mid-run: the kill cannot fall between
 * messages.
 */
class WorkerKillTest {

  private static final int MESSAGES = 1_000;
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final int CONCURRENCY = 16;
  private static final int WORK_MILLIS = 20;
  private static final int EFFECTS_BEFORE_KILL = 150;
  private static final Duration CHILD_EXIT_WAIT = Duration.ofSeconds(30);

  private final String prefix = TestRedis.newPrefix("worker-kill");
  private final List<Process> children = new ArrayList<>();
  private final List<Path> childLogs = new ArrayList<>();

  @AfterEach
  void deleteKeys() {
    TestRedis.deleteKeys(prefix);
  }

  @Test
  void messagesHeldByAKilledWorkerProcessRunAgainInAnotherAndNoneIsLost() throws Exception {
    RedisClient client = RedisClient.create(TestRedis.url());
    try (StatefulRedisConnection<String, String> connection = client.connect();
        Jobs jobs =
            Jobs.builder()
                .backend(
                    RedisBackend.connect(
                        RedisSettings.builder(TestRedis.url()).keyPrefix(prefix).build()))
                .build()) {
      RedisCommands<String, String> redis = connection.sync();
      Set<String> ledgerIds = sendAll(jobs);

      Process first = startWorkerProcess();
      await("the first worker to apply " + EFFECTS_BEFORE_KILL + " effects", Duration.ofSeconds(60))
          .until(() -> effects(redis) >= EFFECTS_BEFORE_KILL);
      killNow(first);
      long effectsAtKill = effects(redis);
      Map<String, String> runsAtKill = redis.hgetall(LedgerWorkerMain.runsKey(prefix));

      startWorkerProcess();
      await("the second worker to apply every effect and drain the queue", Duration.ofSeconds(60))
          .until(() -> effects(redis) == MESSAGES && drained(jobs.broker().figures(queue())));

      assertThat(effectsAtKill).as("effects when the first worker was killed").isLessThan(MESSAGES);
      assertThat(redis.smembers(LedgerWorkerMain.effectsKey(prefix))).isEqualTo(ledgerIds);
      assertThat(redis.get(LedgerWorkerMain.appliedKey(prefix)))
          .as("effects applied, each once")
          .isEqualTo(Integer.toString(MESSAGES));
      QueueFigures figures = jobs.broker().figures(queue());
      assertThat(figures.ready() + figures.delayed() + figures.inFlight() + figures.dead())
          .as("messages left in %s", figures)
          .isZero();
      Map<String, String> runs = redis.hgetall(LedgerWorkerMain.runsKey(prefix));
      assertThat(runs.keySet()).isEqualTo(ledgerIds);
      List<String> ranTwice =
          runs.entrySet().stream()
              .filter(run -> Integer.parseInt(run.getValue()) > 1)
              .map(Map.Entry::getKey)
              .toList();
      assertThat(ranTwice)
          .as("messages run again after the killed worker's lease ended")
          .isNotEmpty()
          .allSatisfy(id -> assertThat(runsAtKill).containsKey(id));
      stopChildren();
      deleteLogs(); // kept when the test fails, named in the failure message
    } finally {
      stopChildren();
      client.shutdown();
    }
  }

  private Set<String> sendAll(Jobs jobs) {
    Actor<Entry> ledger =
        jobs.declare(
            LedgerWorkerMain.actorOptions(),
            Entry.class,
            entry -> {
              throw new IllegalStateException("runs only in the worker processes");
            });
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < MESSAGES; i++) {
      String id = "entry-" + i;
      ledger.send(new Entry(id));
      ids.add(id);
    }
    return ids;
  }

  private Process startWorkerProcess() throws IOException {
    Path log = Files.createTempFile("ledger-worker-", ".log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-cp",
            System.getProperty("java.class.path"),
            LedgerWorkerMain.class.getName(),
            TestRedis.url(),
            prefix,
            Long.toString(LEASE.toMillis()),
            Integer.toString(CONCURRENCY),
            Integer.toString(WORK_MILLIS));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    children.add(process);
    childLogs.add(log);
    return process;
  }

  /** SIGKILL: the worker gets no chance to hand back, ack or release anything. */
  private static void killNow(Process process) throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(CHILD_EXIT_WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("killed worker process exited")
        .isTrue();
  }

  private void stopChildren() throws InterruptedException {
    for (Process child : children) {
      child.destroy();
      if (!child.waitFor(CHILD_EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        child.destroyForcibly();
        child.waitFor(CHILD_EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  private void deleteLogs() throws IOException {
    for (Path log : childLogs) {
      Files.deleteIfExists(log);
    }
  }

  private ConditionFactory await(String what, Duration atMost) {
    return Awaitility.await(what + " (worker logs " + childLogs + ")")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(10));
  }

  private long effects(RedisCommands<String, String> redis) {
    return redis.scard(LedgerWorkerMain.effectsKey(prefix));
  }

  private static String queue() {
    return LedgerWorkerMain.QUEUE;
  }

  private static boolean drained(QueueFigures figures) {
    return figures.ready() == 0 && figures.delayed() == 0 && figures.inFlight() == 0;
  }
}
