package io.echojobs.echo.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProgressEventsTest {

  private final UUID conversation = UUID.randomUUID();
  private final ProgressEvent event =
      new ProgressEvent(
          conversation, "chunk.corrected", "one", Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void anEventPublishedByOneProcessReachesAFollowerOfAnotherThroughRedis() throws Exception {
    try (RedisProgressEvents publisher = new RedisProgressEvents(TestRedis.url());
        RedisProgressEvents follower = new RedisProgressEvents(TestRedis.url())) {
      List<ProgressEvent> received = new CopyOnWriteArrayList<>();
      List<ProgressEvent> others = new CopyOnWriteArrayList<>();
      AutoCloseable subscription = follower.subscribe(conversation, received::add);
      follower.subscribe(UUID.randomUUID(), others::add);

      await().atMost(Duration.ofSeconds(10)).until(() -> {
        publisher.publish(event); // until the subscription is live on the server
        return !received.isEmpty();
      });
      subscription.close();

      assertThat(received.getFirst()).isEqualTo(event);
      assertThat(others).isEmpty();
    }
  }

  @Test
  void inMemoryEventsReachOnlyTheConversationsFollowersUntilTheyLeave() throws Exception {
    try (InMemoryProgressEvents events = new InMemoryProgressEvents()) {
      List<ProgressEvent> received = new CopyOnWriteArrayList<>();
      AutoCloseable subscription = events.subscribe(conversation, received::add);

      events.publish(event);
      events.publish(new ProgressEvent(UUID.randomUUID(), "x", null, Instant.now()));
      subscription.close();
      events.publish(event);

      assertThat(received).containsExactly(event);
    }
  }
}
