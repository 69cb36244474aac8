package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.testing.TestDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorageFailureTest {

  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

  @Test
  void aSelectionWhoseQueryFailsThrowsInsteadOfReturningNothing() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Storage storage = db.storage();
      db.execute("DROP TABLE conversation_chunk CASCADE");

      assertThatThrownBy(
              () -> storage.catchUp().stuckChunks(NOW, CatchUpSelections.DEFAULT_STUCK_AFTER,
                  PageRequest.first()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("select stuck chunks failed")
          .hasMessageContaining("conversation_chunk");
      assertThatThrownBy(
              () -> storage.catchUp().abandonedConversations(NOW,
                  CatchUpSelections.DEFAULT_QUIET_PERIOD, PageRequest.first()))
          .isInstanceOf(StorageException.class);
      assertThatThrownBy(() -> storage.chunks().counts(UUID.randomUUID()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("count chunks failed");
    }
  }

  @Test
  void aCallOnAClosedDatabaseThrows() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Database database = db.open();
      ProjectRepository projects = new ProjectRepository(database.dataSource());
      database.close();

      assertThatThrownBy(() -> projects.find(UUID.randomUUID()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("find project failed");
    }
  }

  @Test
  void anUnreachableServerFailsAtOpenNamingTheVariable() {
    DatabaseUrl nowhere =
        DatabaseUrl.parse("postgres://echo:secret@127.0.0.1:1/echo?connectTimeout=2");

    assertThatThrownBy(() -> Database.open(nowhere))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aPoolTooSmallForMigrationsIsRejected() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://u@127.0.0.1:1/db");

    assertThatThrownBy(() -> Database.open(url, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConnections");
  }
}
