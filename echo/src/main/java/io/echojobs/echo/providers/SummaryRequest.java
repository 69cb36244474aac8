package io.echojobs.echo.providers;

import java.util.Objects;

/**
 * What to summarize.
 *
 * @param transcript the conversation's transcript (may be empty, never null)
 * @param language the project language as an ISO 639-1 code such as {@code en} or {@code nl}
 * @param guidance optional instructions from the project (what to focus on); empty when none
 */
public record SummaryRequest(String transcript, String language, String guidance) {

  public SummaryRequest {
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(language, "language");
    guidance = guidance == null ? "" : guidance;
  }

  /** A request without guidance. */
  public static SummaryRequest of(String transcript, String language) {
    return new SummaryRequest(transcript, language, "");
  }

  public boolean hasGuidance() {
    return !guidance.isBlank();
  }

  @Override
  public String toString() {
    // Transcripts carry personal data: never let them reach a log line through toString.
    return "SummaryRequest[language=" + language + ", transcriptChars=" + transcript.length() + "]";
  }
}
