package io.echojobs.echo.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A stored project: the settings transcription and summaries read.
 *
 * @param keyTerms comma-separated terms a transcription should spell right ("" for none)
 */
public record Project(
    UUID id,
    String name,
    String language,
    String keyTerms,
    boolean anonymizeTranscripts,
    Instant createdAt) {

  /** The key terms, split on commas and trimmed, without empty ones. */
  public List<String> keyTermList() {
    return Arrays.stream(keyTerms.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }
}
