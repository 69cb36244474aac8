package io.echojobs.echo.storage;

import java.util.UUID;

/** The chunk does not exist (it may have been replaced by its split parts). Not worth a retry. */
public final class ChunkNotFoundException extends StorageException {

  private final UUID chunkId;

  public ChunkNotFoundException(UUID chunkId) {
    super("chunk not found: chunk=" + chunkId);
    this.chunkId = chunkId;
  }

  public UUID chunkId() {
    return chunkId;
  }
}
