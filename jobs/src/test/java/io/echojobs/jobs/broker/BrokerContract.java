package io.echojobs.jobs.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.group.GroupCompletion;
import io.echojobs.jobs.message.Message;
import io.echojobs.jobs.message.MessageIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker contract of DESIGN.md, as tests. Every broker runs this same suite through a
 * subclass that says how to make its {@link Backend}. Each test uses queues of its own, so a
 * subclass may share one server between tests.
 *
 * <p>Leases here are short and real: tests wait for conditions with a timeout, never for a
 * fixed time, and never assert how fast anything happened.
 */
public abstract class BrokerContract {

  private static final Duration SHORT_LEASE = Duration.ofMillis(400);
  private static final Duration LONG_LEASE = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(10);

  protected Backend backend;
  protected Broker broker;
  private String queue;

  /** A new backend on a clean store; closed after each test. */
  protected abstract Backend newBackend();

  @BeforeEach
  void openBackend() {
    backend = newBackend();
    broker = backend.broker();
    // The tail of a message id is random; its head is the clock and repeats within a run.
    String id = MessageIds.next();
    queue = "contract-" + id.substring(id.length() - 12);
  }

  @AfterEach
  void closeBackend() {
    if (broker.queues().contains(queue)) {
      broker.purge(queue);
      broker.purgeDeadLetters(queue);
    }
    backend.close();
  }

  @Test
  void anEnqueuedMessageIsDeliveredWithItsBody() throws Exception {
    Envelope sent = envelope(0);

    broker.enqueue(sent);
    List<Delivery> deliveries = broker.fetch(queue, 10, LONG_LEASE, WAIT);

    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.getFirst().messageId()).isEqualTo(sent.messageId());
    assertThat(deliveries.getFirst().envelope().body()).isEqualTo(sent.body());
    assertThat(deliveries.getFirst().redeliveries()).isZero();
    assertThat(broker.ack(deliveries.getFirst())).isTrue();
    assertThat(broker.figures(queue).inFlight()).isZero();
  }

  @Test
  void aConsumerThatDiesHoldingALeaseLosesNothingAndItsLateSettlementIsRefused()
      throws Exception {
    Envelope sent = envelope(0);
    broker.enqueue(sent);
    Delivery first = broker.fetch(queue, 1, SHORT_LEASE, WAIT).getFirst();

    Delivery second = awaitOneDelivery(SHORT_LEASE);

    assertThat(second.messageId()).isEqualTo(sent.messageId());
    assertThat(second.redeliveries()).isEqualTo(1);
    assertThat(broker.ack(first)).as("late ack from the dead holder").isFalse();
    assertThat(broker.retry(first, sent.withBody(sent.body(), null))).isFalse();
    assertThat(broker.deadLetter(first, sent.body(), "late")).isFalse();
    assertThat(broker.release(first)).isFalse();
    assertThat(broker.extendLease(first, LONG_LEASE)).isFalse();
    assertThat(broker.ack(second)).isTrue();
    assertThat(broker.figures(queue).dead()).isZero();
  }

  @Test
  void anExtendedLeaseIsNotReclaimed() throws Exception {
    broker.enqueue(envelope(0));
    Delivery held = broker.fetch(queue, 1, Duration.ofMillis(600), WAIT).getFirst();

    // Extending several times over more than the original lease keeps the message ours.
    for (int i = 0; i < 4; i++) {
      assertThat(broker.extendLease(held, Duration.ofMillis(600))).isTrue();
      assertThat(broker.fetch(queue, 1, LONG_LEASE, Duration.ofMillis(250))).isEmpty();
    }

    assertThat(broker.ack(held)).isTrue();
  }

  @Test
  void lowerPriorityIsDeliveredFirstAndFifoAmongEqualsAcrossTenThousandMixedMessages()
      throws Exception {
    Random random = new Random(42);
    List<Envelope> sent = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      sent.add(envelope(random.nextInt(10) * 10));
    }
    sent.forEach(broker::enqueue);

    List<String> received = new ArrayList<>();
    while (received.size() < sent.size()) {
      List<Delivery> batch = broker.fetch(queue, 250, LONG_LEASE, WAIT);
      assertThat(batch).as("fetch returned nothing after %d", received.size()).isNotEmpty();
      for (Delivery delivery : batch) {
        received.add(delivery.messageId());
        broker.ack(delivery);
      }
    }

    List<Envelope> expected = new ArrayList<>(sent);
    expected.sort(Comparator.comparingInt(Envelope::priority)); // stable: FIFO among equals
    assertThat(received)
        .containsExactlyElementsOf(expected.stream().map(Envelope::messageId).toList());
  }

  @Test
  void aDelayedMessageIsNotDeliveredBeforeItsEtaAndIsDeliveredAfter() throws Exception {
    // Brokers keep etas to the millisecond.
    Instant eta = Instant.now().plusMillis(700).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    broker.enqueue(envelope(0, eta, null));

    assertThat(broker.fetch(queue, 1, LONG_LEASE, Duration.ZERO)).isEmpty();
    assertThat(broker.figures(queue).delayed()).isEqualTo(1);
    Delivery delivery = awaitOneDelivery(LONG_LEASE);
    Instant deliveredAt = Instant.now();

    assertThat(deliveredAt).isAfterOrEqualTo(eta);
    assertThat(broker.ack(delivery)).isTrue();
  }

  @Test
  void aWaitingFetchIsWokenByAnEnqueue() throws Exception {
    Envelope sent = envelope(0);
    List<Delivery> received = Collections.synchronizedList(new ArrayList<>());
    Thread consumer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    received.addAll(broker.fetch(queue, 1, LONG_LEASE, WAIT));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    await()
        .atMost(WAIT)
        .until(() -> consumer.getState() == Thread.State.WAITING
            || consumer.getState() == Thread.State.TIMED_WAITING);

    broker.enqueue(sent);
    consumer.join();

    assertThat(received).extracting(Delivery::messageId).containsExactly(sent.messageId());
  }

  @Test
  void aRetriedMessageComesBackAtItsEtaWithItsNewBody() throws Exception {
    broker.enqueue(envelope(0));
    Delivery first = broker.fetch(queue, 1, LONG_LEASE, WAIT).getFirst();
    byte[] newBody = "retry-body".getBytes(StandardCharsets.UTF_8);

    boolean retried =
        broker.retry(first, first.envelope().withBody(newBody, Instant.now().plusMillis(300)));

    assertThat(retried).isTrue();
    assertThat(broker.figures(queue).delayed()).isEqualTo(1);
    Delivery again = awaitOneDelivery(LONG_LEASE);
    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.envelope().body()).isEqualTo(newBody);
    assertThat(again.redeliveries()).isZero();
    broker.ack(again);
  }

  @Test
  void aReleasedMessageIsDeliverableAtOnceWithoutCountingARedelivery() throws Exception {
    broker.enqueue(envelope(0));
    Delivery first = broker.fetch(queue, 1, LONG_LEASE, WAIT).getFirst();

    assertThat(broker.release(first)).isTrue();
    Delivery again = broker.fetch(queue, 1, LONG_LEASE, WAIT).getFirst();

    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.redeliveries()).isZero();
    broker.ack(again);
  }

  @Test
  void deadLettersKeepTheErrorAndCanBeReplayed() throws Exception {
    Envelope sent = envelope(0);
    broker.enqueue(sent);
    Delivery delivery = broker.fetch(queue, 1, LONG_LEASE, WAIT).getFirst();

    assertThat(broker.deadLetter(delivery, sent.body(), "boom: disk on fire")).isTrue();

    List<DeadLetter> dead = broker.deadLetters(queue, 10);
    assertThat(dead).hasSize(1);
    assertThat(dead.getFirst().messageId()).isEqualTo(sent.messageId());
    assertThat(dead.getFirst().reason()).isEqualTo("boom: disk on fire");
    assertThat(dead.getFirst().envelope().body()).isEqualTo(sent.body());
    assertThat(broker.figures(queue).dead()).isEqualTo(1);

    byte[] replayBody = "replayed".getBytes(StandardCharsets.UTF_8);
    assertThat(broker.replay(queue, sent.messageId(), replayBody)).isTrue();
    assertThat(broker.deadLetters(queue, 10)).isEmpty();
    Delivery replayed = broker.fetch(queue, 1, LONG_LEASE, WAIT).getFirst();
    assertThat(replayed.messageId()).isEqualTo(sent.messageId());
    assertThat(replayed.envelope().body()).isEqualTo(replayBody);
    assertThat(broker.replay(queue, "no-such-id", replayBody)).isFalse();
    broker.ack(replayed);
  }

  @Test
  void aMessageWhoseLeaseKeepsExpiringBecomesPoison() throws Exception {
    Envelope sent = envelope(0);
    broker.enqueue(sent);

    for (int attempt = 0; attempt <= broker.maxRedeliveries(); attempt++) {
      Delivery delivery = awaitOneDelivery(Duration.ofMillis(300));
      assertThat(delivery.redeliveries()).isEqualTo(attempt);
    }

    await()
        .atMost(WAIT)
        .until(() -> broker.fetch(queue, 1, LONG_LEASE, Duration.ZERO).isEmpty()
            && broker.figures(queue).dead() == 1);
    assertThat(broker.deadLetters(queue, 1).getFirst().reason()).contains("poison");
  }

  @Test
  void aSecondMessageWithAPendingUniqueKeyIsNotStoredAndReturnsTheFirstId() throws Exception {
    Envelope first = envelope(0, null, "catch-up");
    Envelope second = envelope(0, null, "catch-up");

    EnqueueReceipt firstReceipt = broker.enqueue(first);
    EnqueueReceipt secondReceipt = broker.enqueue(second);

    assertThat(firstReceipt).isEqualTo(new EnqueueReceipt(first.messageId(), true));
    assertThat(secondReceipt).isEqualTo(new EnqueueReceipt(first.messageId(), false));
    assertThat(broker.figures(queue).ready()).isEqualTo(1);

    Delivery delivery = broker.fetch(queue, 1, LONG_LEASE, WAIT).getFirst();
    assertThat(broker.enqueue(second).stored()).as("still held while in flight").isFalse();
    broker.ack(delivery);
    assertThat(broker.enqueue(second)).isEqualTo(new EnqueueReceipt(second.messageId(), true));
  }

  @Test
  void aDelayedMessageCanBeFoundAndCancelledBeforeItRuns() throws Exception {
    Envelope delayed = envelope(0, Instant.now().plusSeconds(60), "once");

    broker.enqueue(delayed);

    assertThat(broker.find(queue, delayed.messageId())).isPresent();
    assertThat(broker.cancel(queue, delayed.messageId())).isTrue();
    assertThat(broker.find(queue, delayed.messageId())).isEmpty();
    assertThat(broker.cancel(queue, delayed.messageId())).isFalse();
    assertThat(broker.figures(queue).delayed()).isZero();
    assertThat(broker.enqueue(envelope(0, null, "once")).stored()).as("key freed").isTrue();
  }

  @Test
  void figuresCountEachStateAndPurgeEmptiesTheQueue() throws Exception {
    broker.enqueue(envelope(0));
    broker.enqueue(envelope(0));
    broker.enqueue(envelope(0, Instant.now().plusSeconds(60), null));
    broker.enqueue(envelope(0));
    Delivery held = broker.fetch(queue, 1, LONG_LEASE, WAIT).getFirst();

    QueueFigures figures = broker.figures(queue);

    assertThat(figures.ready()).isEqualTo(2);
    assertThat(figures.delayed()).isEqualTo(1);
    assertThat(figures.inFlight()).isEqualTo(1);
    assertThat(figures.dead()).isZero();
    assertThat(figures.oldestReadyAge().isNegative()).isFalse();
    assertThat(broker.queues()).contains(queue);

    assertThat(broker.purge(queue)).isEqualTo(3);
    assertThat(broker.figures(queue).ready()).isZero();
    assertThat(broker.figures(queue).delayed()).isZero();
    assertThat(broker.ack(held)).isTrue();
  }

  @Test
  void heartbeatsAreListedUntilTheyExpire() {
    WorkerHeartbeat beat =
        new WorkerHeartbeat(
            "worker-" + queue, "host", 42, java.util.Map.of(queue, 3), List.of("m1"),
            Instant.now(), Instant.now());

    broker.publishHeartbeat(beat, Duration.ofSeconds(30));

    assertThat(broker.heartbeats()).extracting(WorkerHeartbeat::workerId).contains(beat.workerId());
  }

  @Test
  void aGroupCallbackFiresOnceEvenWhenAMemberIsRedelivered() throws Exception {
    List<String> callbacks = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger memberRuns = new AtomicInteger();
    // Not closed here: closing Jobs would close the backend, which the suite closes after each.
    Jobs jobs = Jobs.builder().backend(backend).build();
    {
      Actor<Item> member =
          jobs.declare(ActorOptions.builder("member").queue(queue).build(), Item.class,
              item -> {
                memberRuns.incrementAndGet();
              });
      Actor<GroupCompletion> done =
          jobs.declare(ActorOptions.builder("done").queue(queue).build(), GroupCompletion.class,
              completion -> {
                callbacks.add(completion.groupId());
              });
      List<Message> members = List.of(member.message(new Item(1)), member.message(new Item(2)),
          member.message(new Item(3)));
      String groupId = jobs.group(members).onCompletion(done).send();

      // A consumer takes one member and dies: its lease expires and the member is redelivered.
      Delivery abandoned = broker.fetch(queue, 1, SHORT_LEASE, WAIT).getFirst();
      // Another consumer runs everything, including the redelivered member and the callback.
      ConcurrentHashMap<String, Integer> runsById = new ConcurrentHashMap<>();
      await().atMost(WAIT).until(() -> {
        for (Delivery delivery : broker.fetch(queue, 10, LONG_LEASE, Duration.ofMillis(100))) {
          runsById.merge(delivery.messageId(), 1, Integer::sum);
          var settlement = jobs.processor().process(delivery.envelope(), delivery.redeliveries());
          assertThat(settlement).isInstanceOf(io.echojobs.jobs.worker.Settlement.Ack.class);
          broker.ack(delivery);
        }
        return callbacks.size() == 1 && runsById.containsKey(abandoned.messageId());
      });

      // The dead holder wakes up and finishes its copy too: the group must not fire again.
      jobs.processor().process(abandoned.envelope(), abandoned.redeliveries());
      assertThat(broker.ack(abandoned)).isFalse();
      for (Delivery delivery : broker.fetch(queue, 10, LONG_LEASE, Duration.ofMillis(300))) {
        jobs.processor().process(delivery.envelope(), delivery.redeliveries());
        broker.ack(delivery);
      }

      assertThat(callbacks).containsExactly(groupId);
      assertThat(memberRuns.get()).isGreaterThanOrEqualTo(4);
    }
  }

  public record Item(int number) {}

  private Delivery awaitOneDelivery(Duration lease) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<Delivery> deliveries = broker.fetch(queue, 1, lease, Duration.ofMillis(200));
      if (!deliveries.isEmpty()) {
        return deliveries.getFirst();
      }
    }
    throw new AssertionError("no delivery within " + WAIT);
  }

  private Envelope envelope(int priority) {
    return envelope(priority, null, null);
  }

  private Envelope envelope(int priority, Instant eta, String uniqueKey) {
    String id = MessageIds.next();
    byte[] body = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    return new Envelope(id, queue, priority, eta, uniqueKey, body);
  }
}
