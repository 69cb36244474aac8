package io.echojobs.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.broker.DeadLetter;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.message.Message;
import io.echojobs.jobs.message.MessageIds;
import io.echojobs.jobs.message.MessageOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Input that can never run is dead-lettered on its first delivery, and the worker keeps going. */
class WorkerBadInputTest {

  private static final String QUEUE = "network";

  private final Jobs jobs = Jobs.builder().build();
  private final AtomicInteger greeted = new AtomicInteger();
  private Actor<Greeting> greet;
  private Worker worker;

  @BeforeEach
  void startWorker() {
    greet =
        jobs.declare(
            ActorOptions.builder("greet").queue(QUEUE).build(),
            Greeting.class,
            args -> {
              greeted.incrementAndGet();
            });
    worker = jobs.startWorker(WorkerOptions.forQueues(QUEUE));
  }

  @AfterEach
  void stop() {
    worker.close();
    jobs.close();
  }

  @Test
  void bytesThatAreNotAMessageAreDeadLetteredAndTheWorkerKeepsRunning() {
    byte[] garbage = "\u0000\u0001not json at all".getBytes(StandardCharsets.UTF_8);
    jobs.broker().enqueue(new Envelope("garbage-1", QUEUE, 0, null, null, garbage));
    greet.send(new Greeting("after garbage"));

    DeadLetter dead = awaitOneDeadLetter();

    assertThat(dead.messageId()).isEqualTo("garbage-1");
    assertThat(dead.reason()).startsWith("undecodable message");
    assertThat(dead.envelope().body()).isEqualTo(garbage);
    await().atMost(Duration.ofSeconds(10)).until(() -> greeted.get() == 1);
  }

  @Test
  void aMessageForAnUnknownActorIsDeadLetteredWithTheActorNamed() {
    Message stray =
        new Message(
            MessageIds.next(),
            QUEUE,
            "no_such_actor",
            0,
            JsonNodeFactory.instance.objectNode(),
            MessageOptions.NONE,
            Instant.now());

    jobs.send(stray);

    DeadLetter dead = awaitOneDeadLetter();
    assertThat(dead.reason()).contains("unknown actor 'no_such_actor'");
    assertThat(jobs.codec().decode(dead.envelope().body()).options().retries()).isZero();
  }

  @Test
  void argumentsThatDoNotBindAreDeadLetteredOnTheFirstDeliveryWithTheReason() {
    Message wrong =
        new Message(
            MessageIds.next(),
            QUEUE,
            "greet",
            0,
            JsonNodeFactory.instance.objectNode().put("nmae", "typo"),
            MessageOptions.NONE,
            Instant.now());

    jobs.send(wrong);
    greet.send(new Greeting("fine"));

    DeadLetter dead = awaitOneDeadLetter();
    assertThat(dead.reason())
        .startsWith("arguments do not bind to Greeting")
        .contains("Missing creator property 'name'");
    assertThat(jobs.codec().decode(dead.envelope().body()).options().retries()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> greeted.get() == 1);
  }

  private DeadLetter awaitOneDeadLetter() {
    await().atMost(Duration.ofSeconds(10)).until(() -> jobs.broker().figures(QUEUE).dead() == 1);
    List<DeadLetter> dead = jobs.broker().deadLetters(QUEUE, 10);
    return dead.getFirst();
  }

  record Greeting(String name) {}
}
