package io.echojobs.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.middleware.CallbackArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InlineModeTest {

  @Test
  void sendRunsTheMessageOnTheCallingThreadWithRetriesAndFollowUps() {
    try (Jobs jobs = Jobs.builder().inline(true).build()) {
      List<String> events = new ArrayList<>();
      AtomicInteger attempts = new AtomicInteger();
      Actor<CallbackArguments> done =
          jobs.declare(ActorOptions.builder("done").build(), CallbackArguments.class,
              c -> events.add("done " + c.result()));
      Actor<Word> shout =
          jobs.declareWithResult(ActorOptions.builder("shout").maxRetries(3).build(), Word.class,
              w -> {
                if (attempts.incrementAndGet() < 3) {
                  throw new IllegalStateException("flaky");
                }
                events.add("shout on " + Thread.currentThread().getName());
                return w.text().toUpperCase();
              });

      jobs.send(shout.messageWithCallbacks(new Word("hi"), done, null));

      assertThat(attempts.get()).isEqualTo(3);
      assertThat(events)
          .containsExactly("shout on " + Thread.currentThread().getName(), "done \"HI\"");
      assertThat(jobs.broker().queues()).isEmpty();
    }
  }

  @Test
  void aMessageThatFailsForGoodInlineThrowsToTheSender() {
    try (Jobs jobs = Jobs.builder().inline(true).build()) {
      Actor<Word> broken =
          jobs.declare(ActorOptions.builder("broken").maxRetries(0).build(), Word.class,
              w -> {
                throw new IllegalStateException("no");
              });

      assertThatThrownBy(() -> broken.send(new Word("x")))
          .isInstanceOf(InlineRunner.InlineFailure.class)
          .hasMessageContaining("gave up after 1 attempts");
    }
  }

  record Word(String text) {}
}
