package io.echojobs.jobs.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.DeadLetter;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.EnqueueReceipt;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.broker.QueueFigures;
import io.echojobs.jobs.broker.WorkerHeartbeat;
import io.echojobs.jobs.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisBrokerTest {

  private static final String QUEUE = "default";
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration SHORT_LEASE = Duration.ofMillis(200);

  private String prefix;
  private Backend backend;
  private Broker broker;

  @BeforeEach
  void connect() {
    prefix = TestRedis.newPrefix("broker");
    backend = connect(2);
    broker = backend.broker();
  }

  @AfterEach
  void disconnect() {
    backend.close();
    TestRedis.deleteKeys(prefix);
  }

  private Backend connect(int maxRedeliveries) {
    return RedisBackend.connect(
        RedisSettings.builder(TestRedis.url())
            .keyPrefix(prefix)
            .maxRedeliveries(maxRedeliveries)
            .build());
  }

  @Test
  void lowerPriorityIsDeliveredFirstThenFifoAmongEquals() throws Exception {
    broker.enqueue(envelope("a", 5));
    broker.enqueue(envelope("b", 1));
    broker.enqueue(envelope("c", 5));
    broker.enqueue(envelope("d", -3));
    broker.enqueue(envelope("e", 1));

    List<Delivery> first = broker.fetch(QUEUE, 2, LEASE, Duration.ZERO);
    List<Delivery> rest = broker.fetch(QUEUE, 10, LEASE, Duration.ZERO);

    assertThat(first).extracting(Delivery::messageId).containsExactly("d", "b");
    assertThat(rest).extracting(Delivery::messageId).containsExactly("e", "a", "c");
  }

  @Test
  void aFetchedMessageCarriesItsEnvelope() throws Exception {
    Instant eta = Instant.now().minusSeconds(1);
    broker.enqueue(new Envelope("m1", QUEUE, 7, eta, "key-1", bytes("body")));

    Delivery delivery = broker.fetch(QUEUE, 1, LEASE, Duration.ZERO).getFirst();

    assertThat(delivery.envelope().priority()).isEqualTo(7);
    assertThat(delivery.envelope().uniqueKey()).isEqualTo("key-1");
    assertThat(delivery.envelope().eta()).isEqualTo(Instant.ofEpochMilli(eta.toEpochMilli()));
    assertThat(delivery.envelope().body()).isEqualTo(bytes("body"));
    assertThat(delivery.redeliveries()).isZero();
    assertThat(delivery.leaseExpiresAt()).isAfter(Instant.now().plusSeconds(20));
  }

  @Test
  void anExpiredLeaseRedeliversTheMessageAndRefusesTheOldToken() throws Exception {
    broker.enqueue(envelope("m1", 0));
    Delivery stale = broker.fetch(QUEUE, 1, SHORT_LEASE, Duration.ZERO).getFirst();

    Delivery again = broker.fetch(QUEUE, 1, LEASE, Duration.ofSeconds(10)).getFirst();

    assertThat(again.messageId()).isEqualTo("m1");
    assertThat(again.redeliveries()).isEqualTo(1);
    assertThat(again.leaseToken()).isNotEqualTo(stale.leaseToken());
    assertThat(broker.ack(stale)).isFalse();
    assertThat(broker.extendLease(stale, LEASE)).isFalse();
    assertThat(broker.release(stale)).isFalse();
    assertThat(broker.retry(stale, stale.envelope())).isFalse();
    assertThat(broker.deadLetter(stale, bytes("x"), "no")).isFalse();
    assertThat(broker.ack(again)).isTrue();
    assertThat(broker.figures(QUEUE).inFlight()).isZero();
  }

  @Test
  void anExtendedLeaseIsNotTakenBack() throws Exception {
    broker.enqueue(envelope("m1", 0));
    Delivery delivery = broker.fetch(QUEUE, 1, SHORT_LEASE, Duration.ZERO).getFirst();

    assertThat(broker.extendLease(delivery, LEASE)).isTrue();

    assertThat(broker.fetch(QUEUE, 1, LEASE, Duration.ofMillis(600))).isEmpty();
    assertThat(broker.ack(delivery)).isTrue();
  }

  @Test
  void aMessageWhoseLeaseExpiresTooOftenBecomesAPoisonDeadLetter() throws Exception {
    broker.enqueue(envelope("m1", 0));

    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              broker.fetch(QUEUE, 1, Duration.ofMillis(50), Duration.ofMillis(200));
              return !broker.deadLetters(QUEUE, 10).isEmpty();
            });

    DeadLetter letter = broker.deadLetters(QUEUE, 10).getFirst();
    assertThat(letter.messageId()).isEqualTo("m1");
    assertThat(letter.reason()).startsWith("poison");
    assertThat(letter.envelope().body()).isEqualTo(bytes("body-m1"));
    assertThat(broker.figures(QUEUE).dead()).isEqualTo(1);
  }

  @Test
  void aDelayedMessageIsDeliveredFromItsEta() throws Exception {
    broker.enqueue(
        new Envelope("later", QUEUE, 0, Instant.now().plusMillis(400), null, bytes("x")));

    assertThat(broker.fetch(QUEUE, 1, LEASE, Duration.ZERO)).isEmpty();
    assertThat(broker.figures(QUEUE).delayed()).isEqualTo(1);
    assertThat(broker.find(QUEUE, "later")).isPresent();

    List<Delivery> delivered = broker.fetch(QUEUE, 1, LEASE, Duration.ofSeconds(10));

    assertThat(delivered).extracting(Delivery::messageId).containsExactly("later");
  }

  @Test
  void aWaitingFetchReturnsAMessageEnqueuedWhileItWaits() throws Exception {
    CompletableFuture<List<Delivery>> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return broker.fetch(QUEUE, 1, LEASE, Duration.ofSeconds(20));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients() > 0);

    broker.enqueue(envelope("m1", 0));

    assertThat(waiting.get(20, TimeUnit.SECONDS))
        .extracting(Delivery::messageId)
        .containsExactly("m1");
  }

  @Test
  void deadLettersAreListedNewestFirstReplayedAndPurged() throws Exception {
    broker.enqueue(envelope("m1", 0));
    broker.enqueue(envelope("m2", 0));
    List<Delivery> both = broker.fetch(QUEUE, 2, LEASE, Duration.ZERO);

    assertThat(broker.deadLetter(both.get(0), bytes("last-1"), "boom 1")).isTrue();
    assertThat(broker.deadLetter(both.get(1), bytes("last-2"), "boom 2")).isTrue();

    List<DeadLetter> letters = broker.deadLetters(QUEUE, 10);
    assertThat(letters).extracting(DeadLetter::messageId).containsExactly("m2", "m1");
    assertThat(letters.get(1).reason()).isEqualTo("boom 1");
    assertThat(letters.get(1).envelope().body()).isEqualTo(bytes("last-1"));
    assertThat(broker.replay(QUEUE, "m1", bytes("replayed"))).isTrue();
    assertThat(broker.replay(QUEUE, "m1", bytes("again"))).isFalse();
    Delivery replayed = broker.fetch(QUEUE, 1, LEASE, Duration.ZERO).getFirst();
    assertThat(replayed.envelope().body()).isEqualTo(bytes("replayed"));
    assertThat(replayed.redeliveries()).isZero();
    assertThat(broker.purgeDeadLetters(QUEUE)).isEqualTo(1);
    assertThat(broker.deadLetters(QUEUE, 10)).isEmpty();
  }

  @Test
  void aUniqueKeyIsHeldThroughRetriesAndFreedByAck() throws Exception {
    EnqueueReceipt first = broker.enqueue(unique("m1", "k"));
    EnqueueReceipt second = broker.enqueue(unique("m2", "k"));

    assertThat(first).isEqualTo(new EnqueueReceipt("m1", true));
    assertThat(second).isEqualTo(new EnqueueReceipt("m1", false));

    Delivery delivery = broker.fetch(QUEUE, 1, LEASE, Duration.ZERO).getFirst();
    assertThat(broker.retry(delivery, delivery.envelope().withBody(bytes("retry"), null))).isTrue();
    assertThat(broker.enqueue(unique("m3", "k"))).isEqualTo(new EnqueueReceipt("m1", false));
    Delivery retried = broker.fetch(QUEUE, 1, LEASE, Duration.ZERO).getFirst();
    assertThat(retried.envelope().body()).isEqualTo(bytes("retry"));
    assertThat(broker.ack(retried)).isTrue();
    assertThat(broker.enqueue(unique("m4", "k"))).isEqualTo(new EnqueueReceipt("m4", true));
  }

  @Test
  void enqueuesSentAtOnceFromManyThreadsAreEachStoredOnceAndOneUniqueKeyHasOneHolder()
      throws Exception {
    int messages = 300;

    List<CompletableFuture<EnqueueReceipt>> receipts = new ArrayList<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < messages; i++) {
        Envelope plain = envelope("m" + i, 0);
        Envelope contender = unique("u" + i, "shared");
        receipts.add(CompletableFuture.supplyAsync(() -> broker.enqueue(plain), threads));
        receipts.add(CompletableFuture.supplyAsync(() -> broker.enqueue(plain), threads));
        receipts.add(CompletableFuture.supplyAsync(() -> broker.enqueue(contender), threads));
      }
    }

    List<EnqueueReceipt> contenders =
        receipts.stream()
            .map(CompletableFuture::join)
            .filter(r -> r.messageId().startsWith("u"))
            .toList();
    String holder =
        contenders.stream().filter(EnqueueReceipt::stored).findFirst().orElseThrow().messageId();
    assertThat(contenders)
        .hasSize(messages)
        .allSatisfy(r -> assertThat(r.messageId()).isEqualTo(holder));
    assertThat(contenders.stream().filter(EnqueueReceipt::stored).count()).isEqualTo(1);
    assertThat(broker.figures(QUEUE).ready()).isEqualTo(messages + 1);
  }

  @Test
  void acksSentAtOnceFromManyThreadsAreEachAnsweredForTheirOwnDelivery() throws Exception {
    int messages = 300;
    for (int i = 0; i < messages; i++) {
      broker.enqueue(unique("m" + i, "k" + i));
    }
    List<Delivery> deliveries = broker.fetch(QUEUE, messages, LEASE, Duration.ZERO);
    Delivery stale = deliveries.getFirst();
    Delivery staleCopy = new Delivery(stale.envelope(), "not-the-token", 0, stale.leaseExpiresAt());

    List<CompletableFuture<Boolean>> acks = new ArrayList<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Delivery delivery : deliveries) {
        // Each delivery is acked twice at once: exactly one of the two may succeed.
        acks.add(CompletableFuture.supplyAsync(() -> broker.ack(delivery), threads));
        acks.add(CompletableFuture.supplyAsync(() -> broker.ack(delivery), threads));
      }
      acks.add(CompletableFuture.supplyAsync(() -> broker.ack(staleCopy), threads));
    }

    assertThat(acks).hasSize(2 * messages + 1);
    assertThat(acks.stream().filter(CompletableFuture::join).count()).isEqualTo(messages);
    assertThat(acks.getLast().join()).isFalse();
    assertThat(broker.figures(QUEUE).inFlight()).isZero();
    assertThat(broker.enqueue(unique("again", "k0"))).isEqualTo(new EnqueueReceipt("again", true));
  }

  @Test
  void cancelRemovesAPendingMessageButNotAHeldOne() throws Exception {
    broker.enqueue(unique("m1", "k"));
    broker.enqueue(new Envelope("m2", QUEUE, 0, Instant.now().plusSeconds(60), null, bytes("")));
    broker.enqueue(envelope("m3", 9));
    Delivery held = broker.fetch(QUEUE, 1, LEASE, Duration.ZERO).getFirst();

    assertThat(held.messageId()).isEqualTo("m1");
    assertThat(broker.cancel(QUEUE, "m1")).isFalse();
    assertThat(broker.find(QUEUE, "m1")).isEmpty();
    assertThat(broker.cancel(QUEUE, "m2")).isTrue();
    assertThat(broker.cancel(QUEUE, "m3")).isTrue();
    assertThat(broker.cancel(QUEUE, "m3")).isFalse();
    assertThat(broker.find(QUEUE, "m3")).isEmpty();
    QueueFigures figures = broker.figures(QUEUE);
    assertThat(figures.ready() + figures.delayed()).isZero();
    assertThat(figures.inFlight()).isEqualTo(1);
  }

  @Test
  void releaseHandsBackWithoutCountingARedelivery() throws Exception {
    broker.enqueue(envelope("m1", 0));
    broker.enqueue(envelope("m2", 0));
    Delivery first = broker.fetch(QUEUE, 1, LEASE, Duration.ZERO).getFirst();

    assertThat(broker.release(first)).isTrue();

    Delivery again = broker.fetch(QUEUE, 1, LEASE, Duration.ZERO).getFirst();
    assertThat(again.messageId()).isEqualTo("m1");
    assertThat(again.redeliveries()).isZero();
  }

  @Test
  void purgeDeletesPendingMessagesAndFreesTheirUniqueKeys() throws Exception {
    broker.enqueue(unique("m1", "k"));
    broker.enqueue(new Envelope("m2", QUEUE, 0, Instant.now().plusSeconds(60), null, bytes("")));

    assertThat(broker.purge(QUEUE)).isEqualTo(2);

    assertThat(broker.figures(QUEUE)).isEqualTo(new QueueFigures(QUEUE, 0, 0, 0, 0, Duration.ZERO));
    assertThat(broker.enqueue(unique("m3", "k")).stored()).isTrue();
  }

  @Test
  void figuresCountEachStateAndQueuesListsEveryQueueUsed() throws Exception {
    broker.enqueue(envelope("m1", 0));
    broker.enqueue(envelope("m2", 0));
    broker.enqueue(new Envelope("m3", QUEUE, 0, Instant.now().plusSeconds(60), null, bytes("")));
    broker.enqueue(new Envelope("o1", "other", 0, null, null, bytes("")));
    broker.fetch(QUEUE, 1, LEASE, Duration.ZERO);

    QueueFigures figures = broker.figures(QUEUE);

    assertThat(figures.ready()).isEqualTo(1);
    assertThat(figures.delayed()).isEqualTo(1);
    assertThat(figures.inFlight()).isEqualTo(1);
    assertThat(figures.dead()).isZero();
    assertThat(figures.oldestReadyAge()).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(broker.queues()).containsExactly(QUEUE, "other");
  }

  @Test
  void anOversizedBodyIsRefusedAndNothingIsWritten() {
    Backend small =
        RedisBackend.connect(
            RedisSettings.builder(TestRedis.url()).keyPrefix(prefix).maxBodyBytes(10).build());
    try {
      Envelope big = new Envelope("big-1", QUEUE, 0, null, null, new byte[11]);

      assertThatThrownBy(() -> small.broker().enqueue(big))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("big-1")
          .hasMessageContaining("11 bytes")
          .hasMessageContaining("10 bytes");
      assertThat(small.broker().find(QUEUE, "big-1")).isEmpty();
      assertThat(small.broker().figures(QUEUE).ready()).isZero();
    } finally {
      small.close();
    }
  }

  @Test
  void garbageWrittenStraightIntoTheQueueIsHandedOutAsItIs() throws Exception {
    String[] keys = QueueKeys.of(prefix, QUEUE);
    RedisClient client = RedisClient.create(TestRedis.url());
    try (StatefulRedisConnection<String, String> raw = client.connect()) {
      raw.sync().zadd(keys[0], 0, "no-rank-member");
      raw.sync().hset(keys[3], "no-rank-member", "\u0000garbage");
      raw.sync().zadd(keys[0], 0, "0000000000000000000000001orphan");
      raw.sync().hset(keys[4], "orphan", "{not json");
    } finally {
      client.shutdown();
    }

    List<Delivery> deliveries = broker.fetch(QUEUE, 10, LEASE, Duration.ZERO);

    assertThat(deliveries).extracting(Delivery::messageId).contains("no-rank-member", "orphan");
    Delivery garbage =
        deliveries.stream()
            .filter(d -> d.messageId().equals("no-rank-member"))
            .findFirst()
            .orElseThrow();
    assertThat(garbage.envelope().body()).isEqualTo(bytes("\u0000garbage"));
    deliveries.forEach(d -> assertThat(broker.deadLetter(d, d.envelope().body(), "bad")).isTrue());
    assertThat(broker.figures(QUEUE).dead()).isEqualTo(2);
  }

  @Test
  void heartbeatsAreListedUntilTheyExpire() {
    WorkerHeartbeat beat =
        new WorkerHeartbeat(
            "w1", "host", 42, Map.of(QUEUE, 4), List.of("m1"), Instant.now(), Instant.now());
    broker.publishHeartbeat(beat, Duration.ofSeconds(30));
    broker.publishHeartbeat(
        new WorkerHeartbeat("w2", "host", 43, Map.of(), List.of(), Instant.now(), Instant.now()),
        Duration.ofMillis(1));

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> broker.heartbeats().size() == 1);

    assertThat(broker.heartbeats().getFirst()).isEqualTo(beat);
  }

  private long blockedClients() {
    RedisClient client = RedisClient.create(TestRedis.url());
    try (StatefulRedisConnection<String, String> raw = client.connect()) {
      String info = raw.sync().info("clients");
      for (String line : info.split("\r?\n")) {
        if (line.startsWith("blocked_clients:")) {
          return Long.parseLong(line.substring("blocked_clients:".length()).strip());
        }
      }
      return 0;
    } finally {
      client.shutdown();
    }
  }

  private static Envelope envelope(String id, int priority) {
    return new Envelope(id, QUEUE, priority, null, null, bytes("body-" + id));
  }

  private static Envelope unique(String id, String key) {
    return new Envelope(id, QUEUE, 0, null, key, bytes("body-" + id));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
