package io.echojobs.echo.storage;

import java.util.Objects;

/**
 * The uploaded audio of a chunk.
 *
 * @param contentType its media type, such as {@code audio/mpeg} or {@code audio/webm}
 * @param bytes the file as uploaded; the array is the caller's, not copied
 */
public record ChunkAudio(String contentType, byte[] bytes) {

  public ChunkAudio {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(bytes, "bytes");
    if (contentType.isBlank()) {
      throw new IllegalArgumentException("contentType: must not be blank");
    }
  }
}
