package io.echojobs.jobs.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.group.GroupCompletion;
import io.echojobs.jobs.group.MemberOutcome;
import io.echojobs.jobs.results.ActorFailedException;
import io.echojobs.jobs.results.ResultTimeoutException;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Results, callbacks, pipelines and groups, through a real worker on the in-memory broker. */
class FollowUpsTest {

  private static final String QUEUE = "network";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Jobs jobs = Jobs.builder().build();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<GroupCompletion> completions = new CopyOnWriteArrayList<>();
  private Actor<Numbers> add;
  private Actor<Numbers> fail;
  private Worker worker;

  @BeforeEach
  void declareActors() {
    add =
        jobs.declareWithResult(
            options("add").storeResults(true).build(),
            Numbers.class,
            n -> {
              events.add("add " + n.a() + "+" + n.b());
              return n.a() + n.b();
            });
    fail =
        jobs.declareWithResult(
            options("fail").storeResults(true).maxRetries(1).build(),
            Numbers.class,
            n -> {
              throw new IllegalStateException("cannot add " + n.a());
            });
    worker = jobs.startWorker(WorkerOptions.forQueues(QUEUE));
  }

  @AfterEach
  void stop() {
    worker.close();
    jobs.close();
  }

  @Test
  void aCallerCanWaitForAStoredResult() throws Exception {
    String id = add.send(new Numbers(2, 3));

    assertThat(jobs.awaitResult(id, Integer.class, WAIT)).isEqualTo(5);
  }

  @Test
  void aFinalFailureIsStoredAsAnErrorAndRaisedToTheWaiter() {
    String id = fail.send(new Numbers(7, 0));

    assertThatThrownBy(() -> jobs.awaitResult(id, Integer.class, WAIT))
        .isInstanceOf(ActorFailedException.class)
        .hasMessageContaining("cannot add 7");
  }

  @Test
  void waitingForAResultThatNeverComesTimesOut() {
    assertThatThrownBy(
            () -> jobs.awaitResult("no-such-message", Integer.class, Duration.ofMillis(50)))
        .isInstanceOf(ResultTimeoutException.class);
  }

  @Test
  void successAndFailureCallbacksReceiveTheOutcome() {
    Actor<CallbackArguments> onSuccess =
        jobs.declare(options("on_success").build(), CallbackArguments.class,
            c -> events.add("success " + c.actor() + " " + c.result()));
    Actor<CallbackArguments> onFailure =
        jobs.declare(options("on_failure").build(), CallbackArguments.class,
            c -> events.add("failure " + c.actor() + " " + c.error()));

    jobs.send(add.messageWithCallbacks(new Numbers(1, 1), onSuccess, onFailure));
    jobs.send(fail.messageWithCallbacks(new Numbers(9, 9), onSuccess, onFailure));

    await().atMost(WAIT).until(() -> events.size() == 3);
    assertThat(events).contains("success add 2");
    assertThat(events).anyMatch(e -> e.startsWith("failure fail gave up after 2 attempts"));
  }

  @Test
  void pipelineStepsRunInOrderEachAfterThePreviousSucceeded() {
    jobs.pipeline(List.of(add.message(new Numbers(1, 0)), add.message(new Numbers(2, 0)),
        add.message(new Numbers(3, 0))));

    await().atMost(WAIT).until(() -> events.size() == 3);
    assertThat(events).containsExactly("add 1+0", "add 2+0", "add 3+0");
  }

  @Test
  void aPipelineStopsAtAFailedStep() {
    jobs.pipeline(List.of(fail.message(new Numbers(1, 0)), add.message(new Numbers(2, 0))));

    await().atMost(WAIT).until(() -> jobs.broker().figures(QUEUE).dead() == 1);
    assertThat(events).isEmpty();
  }

  @Test
  void groupCallbacksFireOnceWithEveryMembersOutcome() {
    Actor<GroupCompletion> onSuccess = groupCallback("group_success");
    Actor<GroupCompletion> onFailure = groupCallback("group_failure");
    Actor<GroupCompletion> onCompletion = groupCallback("group_completion");

    String allGood =
        jobs.group(List.of(add.message(new Numbers(1, 1)), add.message(new Numbers(2, 2))))
            .onSuccess(onSuccess).onFailure(onFailure).onCompletion(onCompletion).send();
    String oneBad =
        jobs.group(List.of(add.message(new Numbers(1, 1)), fail.message(new Numbers(2, 2))))
            .onSuccess(onSuccess).onFailure(onFailure).onCompletion(onCompletion).send();

    await().atMost(WAIT).until(() -> completions.size() == 4);
    assertThat(events).containsOnlyOnce("group_success " + allGood, "group_completion " + allGood,
        "group_failure " + oneBad, "group_completion " + oneBad);
    GroupCompletion bad = completions.stream()
        .filter(c -> c.groupId().equals(oneBad)).findFirst().orElseThrow();
    assertThat(bad.size()).isEqualTo(2);
    assertThat(bad.succeeded()).isEqualTo(1);
    assertThat(bad.failed()).isEqualTo(1);
    assertThat(bad.outcomes().values())
        .containsExactlyInAnyOrder(MemberOutcome.SUCCEEDED, MemberOutcome.FAILED);
  }

  private Actor<GroupCompletion> groupCallback(String name) {
    return jobs.declare(options(name).build(), GroupCompletion.class, c -> {
      completions.add(c);
      events.add(name + " " + c.groupId());
    });
  }

  private static ActorOptions.Builder options(String name) {
    return ActorOptions.builder(name)
        .queue(QUEUE)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  public record Numbers(int a, int b) {}
}
