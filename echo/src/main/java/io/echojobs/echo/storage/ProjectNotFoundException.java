package io.echojobs.echo.storage;

import java.util.UUID;

/** The project does not exist. Not worth a retry. */
public final class ProjectNotFoundException extends StorageException {

  private final UUID projectId;

  public ProjectNotFoundException(UUID projectId) {
    super("project not found: project=" + projectId);
    this.projectId = projectId;
  }

  public UUID projectId() {
    return projectId;
  }
}
