package io.echojobs.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.broker.DeadLetter;
import io.echojobs.jobs.middleware.MessageContext;
import io.echojobs.jobs.retry.UnrecoverableFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RetriesAndLimitsTest {

  private static final String QUEUE = "network";
  private static final Duration FAST = Duration.ofMillis(20);

  private final Jobs jobs = Jobs.builder().build();
  private Worker worker;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    jobs.close();
  }

  @Test
  void aFailingMessageIsRetriedWithBackoffUntilItSucceeds() {
    AtomicInteger attempts = new AtomicInteger();
    Actor<Job> flaky =
        jobs.declare(
            options("flaky").maxRetries(5).build(),
            Job.class,
            args -> {
              if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
              }
            });
    worker = jobs.startWorker(WorkerOptions.forQueues(QUEUE));

    flaky.send(new Job("x"));

    await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 3);
    await().until(() -> jobs.broker().figures(QUEUE).inFlight() == 0);
    assertThat(jobs.broker().figures(QUEUE).dead()).isZero();
  }

  @Test
  void aMessageThatKeepsFailingGoesToDeadLettersWithItsLastErrorAfterItsRetries() {
    AtomicInteger attempts = new AtomicInteger();
    Actor<Job> broken =
        jobs.declare(
            options("broken").maxRetries(2).build(),
            Job.class,
            args -> {
              attempts.incrementAndGet();
              throw new IllegalStateException("database is down");
            });
    worker = jobs.startWorker(WorkerOptions.forQueues(QUEUE));

    broken.send(new Job("x"));

    DeadLetter dead = awaitOneDeadLetter();
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(dead.reason()).isEqualTo(
        "gave up after 3 attempts: java.lang.IllegalStateException: database is down");
  }

  @Test
  void aDeclaredNoRetryFailureGoesStraightToDeadLetters() {
    AtomicInteger attempts = new AtomicInteger();
    Actor<Job> strict =
        jobs.declare(
            options("strict").noRetryFor(IllegalArgumentException.class).build(),
            Job.class,
            args -> {
              attempts.incrementAndGet();
              throw new NumberFormatException("bad number"); // a subclass counts too
            });
    worker = jobs.startWorker(WorkerOptions.forQueues(QUEUE));

    strict.send(new Job("x"));

    DeadLetter dead = awaitOneDeadLetter();
    assertThat(attempts.get()).isEqualTo(1);
    assertThat(dead.reason()).startsWith("unrecoverable java.lang.NumberFormatException");
  }

  @Test
  void anUnrecoverableFailureTypeGoesStraightToDeadLetters() {
    AtomicInteger attempts = new AtomicInteger();
    Actor<Job> lookup =
        jobs.declare(
            options("lookup").build(),
            Job.class,
            args -> {
              attempts.incrementAndGet();
              throw new NotFound();
            });
    worker = jobs.startWorker(WorkerOptions.forQueues(QUEUE));

    lookup.send(new Job("x"));

    assertThat(awaitOneDeadLetter().reason()).contains("never retried");
    assertThat(attempts.get()).isEqualTo(1);
  }

  @Test
  void anAttemptPastItsTimeLimitIsInterruptedAndCountsAsAFailure() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    Actor<Job> slow =
        jobs.declare(
            options("slow").maxRetries(0).timeLimit(Duration.ofMillis(200)).build(),
            Job.class,
            args -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
              }
            });
    worker = jobs.startWorker(WorkerOptions.forQueues(QUEUE));

    slow.send(new Job("x"));

    DeadLetter dead = awaitOneDeadLetter();
    assertThat(interrupted.get()).isEqualTo(1);
    assertThat(dead.reason()).contains("TimeLimitExceededException").contains("PT0.2S");
  }

  @Test
  void theRunningMessagesIdsAreInTheLoggingContext() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Actor<Job> logs =
        jobs.declare(
            options("logs").build(),
            Job.class,
            args -> {
              seen.add(MDC.get(MessageContext.MESSAGE_ID) + "/" + MDC.get(MessageContext.ACTOR));
            });
    worker = jobs.startWorker(WorkerOptions.forQueues(QUEUE));

    String id = logs.send(new Job("x"));

    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
    assertThat(seen).containsExactly(id + "/logs");
  }

  private DeadLetter awaitOneDeadLetter() {
    await().atMost(Duration.ofSeconds(20)).until(() -> jobs.broker().figures(QUEUE).dead() == 1);
    return jobs.broker().deadLetters(QUEUE, 1).getFirst();
  }

  private static ActorOptions.Builder options(String name) {
    return ActorOptions.builder(name).queue(QUEUE).backoff(FAST, FAST.multipliedBy(4));
  }

  record Job(String name) {}

  static final class NotFound extends RuntimeException implements UnrecoverableFailure {
    NotFound() {
      super("conversation 42 does not exist");
    }
  }
}
