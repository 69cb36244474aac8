package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.testing.TestRedis;
import io.echojobs.jobs.worker.Pool;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole runtime on Redis: send, a worker runs the actor, the result comes back. */
class RedisWorkerTest {

  private final String prefix = TestRedis.newPrefix("worker");

  @AfterEach
  void deleteKeys() {
    TestRedis.deleteKeys(prefix);
  }

  @Test
  void aWorkerOnRedisRunsSentMessagesAndStoresTheirResults() throws Exception {
    try (Jobs jobs = redisJobs()) {
      Actor<Square> square = declareSquare(jobs);
      List<String> ids = new ArrayList<>();
      for (int n = 0; n < 50; n++) {
        ids.add(square.send(new Square(n)));
      }

      try (Worker worker =
          jobs.startWorker(WorkerOptions.builder().queue("network", Pool.NETWORK, 8).build())) {
        for (int n = 0; n < ids.size(); n++) {
          assertThat(jobs.awaitResult(ids.get(n), Integer.class, Duration.ofSeconds(30)))
              .isEqualTo(n * n);
        }
      }

      assertThat(jobs.broker().figures("network").inFlight()).isZero();
      // The stopped worker's last heartbeat lives one more millisecond.
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> jobs.broker().heartbeats().isEmpty());
    }
  }

  @Test
  void garbageWrittenStraightIntoAQueueKeyIsDeadLetteredAndTheWorkerGoesOn() throws Exception {
    try (Jobs jobs = redisJobs()) {
      Actor<Square> square = declareSquare(jobs);
      String[] keys = QueueKeys.of(prefix, "network");
      io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(TestRedis.url());
      try (var raw = client.connect()) {
        raw.sync().zadd(keys[0], 0, "0000000000000000000000001garbage");
        raw.sync().hset(keys[3], "garbage", "\u0000 not a message");
      } finally {
        client.shutdown();
      }
      String good = square.send(new Square(7));

      try (Worker worker =
          jobs.startWorker(WorkerOptions.builder().queue("network", Pool.NETWORK, 8).build())) {
        assertThat(jobs.awaitResult(good, Integer.class, Duration.ofSeconds(30))).isEqualTo(49);
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> jobs.broker().figures("network").dead() == 1);
      }

      var dead = jobs.broker().deadLetters("network", 10);
      assertThat(dead).extracting(d -> d.messageId()).containsExactly("garbage");
      assertThat(dead.getFirst().reason()).startsWith("undecodable message");
    }
  }

  private Jobs redisJobs() {
    return Jobs.builder()
        .backend(
            RedisBackend.connect(RedisSettings.builder(TestRedis.url()).keyPrefix(prefix).build()))
        .build();
  }

  private static Actor<Square> declareSquare(Jobs jobs) {
    return jobs.declareWithResult(
        ActorOptions.builder("square").queue("network").storeResults(true).build(),
        Square.class,
        args -> args.n() * args.n());
  }

  public record Square(int n) {}
}
