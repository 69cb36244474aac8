package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

  @Test
  void aTemporaryServerTakesTheSchemaAndIsDeletedOnClose() {
    Path dataDirectory;
    try (EmbeddedDatabase embedded = EmbeddedDatabase.startTemporary();
        Storage storage = Storage.open(Database.open(embedded.url(), 2))) {
      dataDirectory = embedded.dataDirectory();

      Project project = storage.projects().create(NewProject.named("embedded"), NOW);

      assertThat(storage.projects().find(project.id())).contains(project);
      assertThat(embedded.url().jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
    }
    assertThat(dataDirectory.getParent()).doesNotExist();
  }

  @Test
  void aServerOnADataDirectoryKeepsItsDataAcrossRestarts(@TempDir Path workingDirectory)
      throws Exception {
    Files.setPosixFilePermissions(workingDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
    UUID projectId;
    try (Storage storage = Storage.start(Map.of(), workingDirectory)) {
      projectId = storage.projects().create(NewProject.named("kept"), NOW).id();
    }

    try (Storage storage = Storage.start(Map.of(), workingDirectory)) {

      assertThat(storage.projects().find(projectId)).isPresent();
    }
    assertThat(workingDirectory.resolve(EmbeddedDatabase.DEFAULT_DIRECTORY).resolve("PG_VERSION"))
        .exists();
  }

  @Test
  void aServerAlreadyRunningOnTheDirectoryIsUsedAndLeftRunning(@TempDir Path parent)
      throws Exception {
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path dataDirectory = parent.resolve("pg");
    try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDirectory)) {

      try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDirectory)) {
        assertThat(second.url()).isEqualTo(first.url());
      }

      try (Database database = Database.open(first.url(), Database.MIN_CONNECTIONS)) {
        assertThat(new ProjectRepository(database.dataSource()).find(UUID.randomUUID()))
            .isEmpty();
      }
    }
  }
}
