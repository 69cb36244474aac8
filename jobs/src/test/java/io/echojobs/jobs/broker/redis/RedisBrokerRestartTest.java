package io.echojobs.jobs.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.BrokerUnavailableException;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.broker.QueueFigures;
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
 * Kills Redis (SIGKILL) under a running producer and consumer and starts it again on the same port.
 * With {@code appendfsync always}, every message whose enqueue returned must reach the consumer and
 * the queue must drain; duplicates are allowed (at least once), losses are not. The ledger counts
 * deliveries, not successful acks: an ack whose reply died with the server may well have removed
 * the message, and its resend then rightly answers false.
 */
class RedisBrokerRestartTest {

  private static final String QUEUE = "restart";
  private static final int BEFORE_OUTAGE = 200;
  private static final int AFTER_OUTAGE = 100;
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final Duration LEASE = Duration.ofSeconds(3);

  private final Set<String> enqueued = ConcurrentHashMap.newKeySet();
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();
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
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= 50);

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
          .until(() -> delivered.containsAll(enqueued) && drained(broker));
      consuming.set(false);
      consumer.join();

      assertThat(producerFailures).isEmpty();
      assertThat(delivered).containsAll(enqueued);
    }
  }

  @Test
  void enqueueThrowsOnceRedisStaysDownPastTheRetryWindow() {
    try (RedisServerProcess redis = RedisServerProcess.start();
        Backend backend =
            RedisBackend.connect(
                RedisSettings.builder(redis.url())
                    .enqueueRetryWindow(Duration.ofSeconds(1))
                    .commandTimeout(Duration.ofMillis(500))
                    .build())) {
      redis.kill();

      Envelope envelope = new Envelope("lost-1", QUEUE, 0, null, null, new byte[] {1});

      assertThatThrownBy(() -> backend.broker().enqueue(envelope))
          .isInstanceOf(BrokerUnavailableException.class)
          .hasMessageContaining("lost-1")
          .hasMessageContaining("not stored");
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

  private static boolean drained(Broker broker) {
    QueueFigures figures = broker.figures(QUEUE);
    return figures.ready() == 0 && figures.delayed() == 0 && figures.inFlight() == 0;
  }

  /** Acks what it fetches; a failed fetch or ack during the outage is simply tried again. */
  private void consume(Broker broker) {
    while (consuming.get()) {
      try {
        for (Delivery delivery : broker.fetch(QUEUE, 20, LEASE, Duration.ofMillis(200))) {
          delivered.add(delivery.messageId());
          broker.ack(delivery);
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
