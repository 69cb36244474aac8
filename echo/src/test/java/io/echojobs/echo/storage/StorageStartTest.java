package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageStartTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aSetDatabaseUrlIsUsedAndNoEmbeddedServerIsStarted(@TempDir Path workingDirectory)
      throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      String url = db.environmentValue();

      try (Storage storage = Storage.start(Map.of("DATABASE_URL", url), workingDirectory)) {

        Project project = storage.projects().create(NewProject.named("url"), NOW);
        assertThat(storage.projects().find(project.id())).isPresent();
      }
      assertThat(workingDirectory.resolve(EmbeddedDatabase.DEFAULT_DIRECTORY)).doesNotExist();
    }
  }

  @Test
  void aBadDatabaseUrlFailsAtStartNamingTheVariable(@TempDir Path workingDirectory) {
    Map<String, String> environment = Map.of("DATABASE_URL", "redis://localhost:6379/0");

    assertThatThrownBy(() -> Storage.start(environment, workingDirectory))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageStartingWith("DATABASE_URL is not usable");
  }

  /** The JDBC form of DATABASE_URL, credentials in its query (the test URL has no query). */
}
