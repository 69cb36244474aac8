package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.broker.BrokerUnavailableException;
import io.echojobs.jobs.broker.Envelope;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EnqueueRetryTest {

  private static final Envelope ENVELOPE = new Envelope("m1", "q", 0, null, null, new byte[0]);

  private final EnqueueRetry retry =
      new EnqueueRetry(Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(5));

  @Test
  void connectionErrorsAndFailoverRepliesAreRetriedUntilTheStoreSucceeds() {
    AtomicInteger attempts = new AtomicInteger();

    String result =
        retry.run(
            ENVELOPE,
            () ->
                switch (attempts.incrementAndGet()) {
                  case 1 -> throw new RedisConnectionException("refused");
                  case 2 -> throw new RedisCommandExecutionException("READONLY replica");
                  case 3 -> throw new RedisCommandExecutionException("LOADING dataset");
                  default -> "stored";
                });

    assertThat(result).isEqualTo("stored");
    assertThat(attempts).hasValue(4);
  }

  @Test
  void anErrorOfTheCommandItselfIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retry.run(
                    ENVELOPE,
                    () -> {
                      attempts.incrementAndGet();
                      throw new RedisCommandExecutionException("OOM command not allowed");
                    }))
        .isInstanceOf(BrokerUnavailableException.class)
        .hasMessageContaining("m1")
        .hasMessageContaining("OOM");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aStoreThatNeverAnswersFailsOnceTheWindowHasPassed() {
    EnqueueRetry shortWindow =
        new EnqueueRetry(Duration.ofMillis(50), Duration.ofMillis(5), Duration.ofMillis(10));

    assertThatThrownBy(
            () ->
                shortWindow.run(
                    ENVELOPE,
                    () -> {
                      throw new RedisConnectionException("refused");
                    }))
        .isInstanceOf(BrokerUnavailableException.class)
        .hasMessageContaining("not stored");
  }
}
