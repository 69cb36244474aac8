package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.echo.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProcessingStatusRepositoryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

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
  void aCompletedEventPointsAtItsStartedEvent() {
    Project project = storage.projects().create(NewProject.named("p"), T0);
    UUID conversation =
        storage.conversations().create(NewConversation.of(project.id(), "PORTAL"), T0).id();
    UUID chunk = storage.chunks().addTextChunk(conversation, "x", T0, T0).id();
    ProcessingStatusRepository statuses = storage.statuses();

    long started =
        statuses.record(
            StatusEvent.of(conversation, "transcribe.started", "for chunk").withChunk(chunk), T0);
    long completed =
        statuses.record(
            StatusEvent.of(conversation, "transcribe.completed", null)
                .withChunk(chunk)
                .withDuration(Duration.ofMillis(1500))
                .withParent(started),
            T0.plusMillis(1500));

    List<ProcessingStatus> listed = statuses.listByConversation(conversation);
    assertThat(listed)
        .containsExactly(
            new ProcessingStatus(
                started, conversation, chunk, "transcribe.started", "for chunk", null, null, T0),
            new ProcessingStatus(
                completed,
                conversation,
                chunk,
                "transcribe.completed",
                null,
                1500L,
                started,
                T0.plusMillis(1500)));
  }
}
