package io.echojobs.echo.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * One segment of an audio chunk that was cut into parts.
 *
 * @param offset where the segment starts in the original; the part's client timestamp is the
 *     original's plus this, so parts keep their order among the conversation's chunks
 */
public record AudioPart(Duration offset, ChunkAudio audio) {

  public AudioPart {
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(audio, "audio");
    if (offset.isNegative()) {
      throw new IllegalArgumentException("offset: must not be negative: " + offset);
    }
  }
}
