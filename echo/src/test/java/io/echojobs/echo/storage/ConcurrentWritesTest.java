package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.echo.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flag writes and chunk additions racing on one conversation, released by one start gate. */
class ConcurrentWritesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final int RACERS = 8;
  private static final long TIMEOUT_SECONDS = 30;

  private static TestDatabase db;
  private static Storage storage;

  @BeforeAll
  static void openDatabase() {
    db = TestDatabase.create();
    storage = db.storage();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  @Test
  void ofConcurrentFinishesExactlyOneReportsTheChange() throws Exception {
    UUID id = newConversation();

    List<Boolean> results = race(() -> storage.conversations().markFinished(id, T0));

    assertThat(results).containsOnlyOnce(true);
  }

  @Test
  void ofConcurrentSummariesExactlyOneIsStored() throws Exception {
    UUID id = newConversation();

    List<Boolean> results =
        race(() -> storage.conversations().storeSummaryIfAbsent(id, "s", T0));

    assertThat(results).containsOnlyOnce(true);
  }

  @Test
  void chunksRacingAFinishAreEitherStoredOrRefusedWhole() throws Exception {
    UUID id = newConversation();

    List<Boolean> results =
        race(
            () -> {
              try {
                storage.chunks().addTextChunk(id, "x", T0, T0);
                return true;
              } catch (ConversationFinishedException refused) {
                return false;
              }
            },
            () -> {
              storage.conversations().markFinished(id, T0);
              return null;
            });

    long accepted = results.stream().filter(Boolean.TRUE::equals).count();
    assertThat(storage.chunks().counts(id).total()).isEqualTo(accepted);
    assertThat(storage.conversations().find(id).orElseThrow().finished()).isTrue();
  }

  private static UUID newConversation() {
    Project project = storage.projects().create(NewProject.named("race"), T0);
    return storage.conversations().create(NewConversation.of(project.id(), "TEST"), T0).id();
  }

  /** Runs {@code racer} {@value #RACERS} times (and {@code others} once each) from one gate. */
  @SafeVarargs
  private static <T> List<T> race(Callable<T> racer, Callable<T>... others) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Callable<T>> tasks = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      tasks.add(racer);
    }
    tasks.addAll(List.of(others));
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            threads.submit(
                () -> {
                  gate.await();
                  return task.call();
                }));
      }
      gate.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    }
  }
}
