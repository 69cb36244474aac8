package io.echojobs.jobs.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.testing.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kills Redis (SIGKILL) under a running producer and consumer and starts it again on the same
 * port. With {@code appendfsync always}, every message whose enqueue returned must still be
 * delivered and acked in the end; duplicates are allowed (at least once), losses are not.
 */
class RedisBrokerRestartTest {

  private static final String QUEUE = "restart";
  private static final int BEFORE_OUTAGE = 200;
  private static final int AFTER_OUTAGE = 100;
  private static final Duration OUTAGE = Duration.ofSeconds(3);
  private static final Duration LEASE = Duration.ofSeconds(3);

  private final Set<String> enqueued = ConcurrentHashMap.newKeySet();
  private final Set<String> acked = ConcurrentHashMap.newKeySet();
  private final List<Throwable> producerFailures = new CopyOnWriteArrayList<>();
  private final AtomicBoolean producing = new AtomicBoolean(true);
  private final AtomicBoolean consuming = new AtomicBoolean(true);
  private final AtomicInteger sequence = new AtomicInteger();

  @Test
  void noMessageWhoseEnqueueReturnedIsLostWhenRedisIsKilledAndRestarted() throws Exception {
    Path dir = Files.createTempDirectory("redis-aof-");
    try (RedisServerProcess redis =
            RedisServerProcess.start(
                "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString());
        Backend backend = connect(redis)) {
      Broker broker = backend.broker();
      for (int i = 0; i < BEFORE_OUTAGE; i++) {
        enqueue(broker);
      }
      Thread producer = Thread.ofPlatform().name("test-producer").start(() -> produce(broker));
      Thread consumer = Thread.ofPlatform().name("test-consumer").start(() -> consume(broker));
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= 50);

      redis.kill();
      Thread.sleep(OUTAGE.toMillis()); // holds Redis down; not a synchronisation
      redis.restart();
      int atRestart = enqueued.size();
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> enqueued.size() >= atRestart + AFTER_OUTAGE);
      producing.set(false);
      producer.join();
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> acked.containsAll(enqueued));
      consuming.set(false);
      consumer.join();

      assertThat(producerFailures).isEmpty();
      assertThat(acked).containsAll(enqueued);
      assertThat(broker.figures(QUEUE).ready()).isZero();
    }
  }

  private static Backend connect(RedisServerProcess redis) {
    return RedisBackend.connect(
        RedisSettings.builder(redis.url())
            .enqueueRetryWindow(Duration.ofSeconds(30))
            .commandTimeout(Duration.ofSeconds(2))
            .build());
  }

  private void enqueue(Broker broker) {
    String id = "m-" + sequence.incrementAndGet();
    broker.enqueue(new Envelope(id, QUEUE, 0, null, null, id.getBytes(UTF_8)));
    enqueued.add(id);
  }

  private void produce(Broker broker) {
    while (producing.get()) {
      try {
        enqueue(broker);
      } catch (RuntimeException e) {
        producerFailures.add(e);
      }
    }
  }

  /** Acks what it fetches; a failed fetch or ack during the outage is simply tried again. */
  private void consume(Broker broker) {
    while (consuming.get()) {
      try {
        for (Delivery delivery : broker.fetch(QUEUE, 20, LEASE, Duration.ofMillis(200))) {
          if (broker.ack(delivery)) {
            acked.add(delivery.messageId());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Redis is down: the lease of whatever we held expires and it comes back.
      }
    }
  }
}
