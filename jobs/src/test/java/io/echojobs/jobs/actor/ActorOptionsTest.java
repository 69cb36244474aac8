package io.echojobs.jobs.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.Jobs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActorOptionsTest {

  @Test
  void defaultsAreThoseOfTheOriginalSystem() {
    ActorOptions options = ActorOptions.builder("summarize").build();

    assertThat(options.queue()).isEqualTo("network");
    assertThat(options.priority()).isZero();
    assertThat(options.maxRetries()).isEqualTo(20);
    assertThat(options.minBackoff()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.maxBackoff()).isEqualTo(Duration.ofDays(7));
    assertThat(options.timeLimit()).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.maxAge()).isNull();
    assertThat(options.storeResults()).isFalse();
  }

  @Test
  void invalidOptionsFailAtDeclarationNamingEachOption() {
    ActorOptions.Builder builder =
        ActorOptions.builder("bad")
            .queue("has{brace}")
            .maxRetries(-1)
            .backoff(Duration.ofMinutes(5), Duration.ofMinutes(1))
            .timeLimit(Duration.ZERO)
            .maxAge(Duration.ofSeconds(-1));

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidActorException.class)
        .hasMessageContaining("actor 'bad'")
        .hasMessageContaining("queue:")
        .hasMessageContaining("maxRetries: -1")
        .hasMessageContaining("minBackoff: PT5M must not exceed maxBackoff PT1M")
        .hasMessageContaining("timeLimit:")
        .hasMessageContaining("maxAge:");
  }

  @Test
  void aNameMustBeUsableInKeysAndUnique() {
    assertThatThrownBy(() -> ActorOptions.builder("has space").build())
        .isInstanceOf(InvalidActorException.class)
        .hasMessageContaining("name:");
    try (Jobs jobs = Jobs.builder().build()) {
      jobs.declare(ActorOptions.builder("twice").build(), String.class, s -> {});
      assertThatThrownBy(
              () -> jobs.declare(ActorOptions.builder("twice").build(), String.class, s -> {}))
          .isInstanceOf(InvalidActorException.class)
          .hasMessageContaining("already exists");
    }
  }
}
