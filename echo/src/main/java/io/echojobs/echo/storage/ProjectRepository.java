package io.echojobs.echo.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Creates and reads projects. Thread-safe; every method is one statement and throws {@link
 * StorageException} when the database fails.
 */
public final class ProjectRepository {

  private static final String COLUMNS =
      "id, name, language, key_terms, anonymize_transcripts, created_at";

  private final Jdbc jdbc;

  public ProjectRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Stores a new project created at {@code now} and returns it with its id. */
  public Project create(NewProject project, Instant now) {
    Objects.requireNonNull(project, "project");
    return jdbc.single(
        "create project",
        "INSERT INTO project (name, language, key_terms, anonymize_transcripts, created_at)"
            + " VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS,
        s -> {
          s.setString(1, project.name());
          s.setString(2, project.language());
          s.setString(3, project.keyTerms());
          s.setBoolean(4, project.anonymizeTranscripts());
          s.setTimestamp(5, Jdbc.timestamp(now));
        },
        ProjectRepository::project);
  }

  /** The project, or empty when there is none with that id. */
  public Optional<Project> find(UUID id) {
    Objects.requireNonNull(id, "id");
    return jdbc.first(
        "find project",
        "SELECT " + COLUMNS + " FROM project WHERE id = ?",
        s -> s.setObject(1, id),
        ProjectRepository::project);
  }

  private static Project project(ResultSet row) throws SQLException {
    return new Project(
        Jdbc.uuid(row, "id"),
        row.getString("name"),
        row.getString("language"),
        row.getString("key_terms"),
        row.getBoolean("anonymize_transcripts"),
        Jdbc.instant(row, "created_at"));
  }
}
