package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.echo.testing.TestDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectRepositoryTest {

  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

  private static TestDatabase db;
  private static ProjectRepository projects;

  @BeforeAll
  static void openDatabase() {
    db = TestDatabase.create();
    projects = db.storage().projects();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  @Test
  void aCreatedProjectIsFoundWithItsSettings() {
    Project created = projects.create(new NewProject("Town hall", "nl", "Amstel, IJ ,", true), NOW);

    Project found = projects.find(created.id()).orElseThrow();

    assertThat(found).isEqualTo(created);
    assertThat(found.language()).isEqualTo("nl");
    assertThat(found.anonymizeTranscripts()).isTrue();
    assertThat(found.createdAt()).isEqualTo(NOW);
    assertThat(found.keyTermList()).containsExactly("Amstel", "IJ");
  }

  @Test
  void aProjectCreatedByNameHasTheDefaultLanguage() {
    Project created = projects.create(NewProject.named("Plain"), NOW);

    assertThat(created.language()).isEqualTo(NewProject.DEFAULT_LANGUAGE);
    assertThat(created.keyTermList()).isEmpty();
  }

  @Test
  void anUnknownProjectIsEmpty() {
    assertThat(projects.find(UUID.randomUUID())).isEmpty();
  }
}
