package io.echojobs.echo.providers;

/**
 * Turns a conversation transcript into a summary. Implementations: an extractive summary that runs
 * locally ({@code text.ExtractiveSummarizer}) and one written by a chat model ({@code
 * llm.ChatSummarizer}).
 *
 * <p>Contract: an empty or blank transcript yields {@link #NO_TRANSCRIPT}; otherwise the result is
 * non-blank. Safe to call from many threads at once. Failures of an outside service surface as
 * {@link ProviderException} subtypes.
 */
public interface Summarizer {

  /** The summary stored for a conversation that has no transcript text (spec 5.5). */
  String NO_TRANSCRIPT = "[No transcript available]";

  /** Returns the summary of the request's transcript, in the request's language. */
  String summarize(SummaryRequest request);
}
