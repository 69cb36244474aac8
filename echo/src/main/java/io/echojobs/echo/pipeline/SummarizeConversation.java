package io.echojobs.echo.pipeline;

import io.echojobs.echo.providers.SummaryRequest;
import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkState;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.Project;
import io.echojobs.jobs.coord.Coordination.Lock;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@value ConversationPipeline#SUMMARIZE_CONVERSATION} (network/30): writes the summary of a
 * transcribed conversation (the first summary stored wins; an empty transcript gets {@link
 * #NO_TRANSCRIPT}).
 *
 * <p>The lock (owned by the message, 10 min) keeps two summaries from being paid for at once;
 * like the others it is taken over by a redelivery of the same message, and unlike the
 * original, it is released on failure too, so the runtime's retry really retries instead of
 * finding its own lock and reporting success.
 */
final class SummarizeConversation {

  /** The summary of a conversation with nothing transcribed. */
  static final String NO_TRANSCRIPT = "[No transcript available]";

  private final PipelineContext context;

  SummarizeConversation(PipelineContext context) {
    this.context = context;
  }

  void run(ConversationRef ref) {
    UUID id = ref.conversationId();
    Conversation conversation = context.storage().conversations().find(id).orElse(null);
    if (conversation == null || conversation.deleted() || conversation.summarized()
        || !conversation.allChunksTranscribed()) {
      ConversationLocks.releaseIfHeld(context, id, CoordinationNames.SUMMARIZE_LOCK);
      return;
    }
    Lock lock = ConversationLocks.acquire(context, id, CoordinationNames.SUMMARIZE_LOCK,
        CoordinationNames.SUMMARIZE_LOCK_TTL);
    try {
      Project project = context.projectOf(conversation);
      String transcript = transcriptOf(conversation);
      String summary = transcript.isBlank()
          ? NO_TRANSCRIPT
          : context.providers().summarizer().summarize(
              new SummaryRequest(transcript, project.language(), project.keyTerms()));
      if (context.storage().conversations()
          .storeSummaryIfAbsent(id, summary, context.clock().instant())) {
        context.report(id, null, "conversation.summarized", summary.length() + " characters");
      }
    } finally {
      context.coordination().release(lock);
    }
  }

  private String transcriptOf(Conversation conversation) {
    if (conversation.mergedTranscript() != null) {
      return conversation.mergedTranscript();
    }
    return context.storage().chunks().listByConversation(conversation.id()).stream()
        .filter(chunk -> chunk.state() == ChunkState.OK)
        .map(Chunk::transcript)
        .collect(Collectors.joining("\n\n"));
  }
}
