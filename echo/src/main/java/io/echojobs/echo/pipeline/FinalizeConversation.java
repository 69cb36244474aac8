package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.ChunkCounts;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.jobs.coord.Coordination.Lock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value ConversationPipeline#FINALIZE_CONVERSATION} (network/20): the fan-in. When a finished
 * conversation has no pending chunk, sets {@code is_all_chunks_transcribed} (a compare-and-set
 * that also checks both conditions, so it takes effect once) and sends merge, summarize and the
 * token count, then clears the conversation's coordination keys.
 *
 * <p>The follow-ups are sent on every run that finds the flag set, not only the one that set it:
 * a crash between the flag and the sends is repaired by the retry (the original lost merge for
 * good there). Their unique keys and their own checks make the repeats cheap no-ops.
 */
final class FinalizeConversation {

  private static final Logger log = LoggerFactory.getLogger(FinalizeConversation.class);

  private final PipelineContext context;
  private final ConversationPipeline pipeline;

  FinalizeConversation(PipelineContext context, ConversationPipeline pipeline) {
    this.context = context;
    this.pipeline = pipeline;
  }

  void run(ConversationRef ref) {
    UUID id = ref.conversationId();
    String scope = CoordinationNames.scope(id);
    Optional<Conversation> found = context.storage().conversations().find(id);
    if (found.isEmpty()) {
      context.coordination().clear(scope);
      return;
    }
    if (!found.get().finished()) {
      return; // finish sends finalize again
    }
    Lock lock = ConversationLocks.acquire(context, id, CoordinationNames.FINALIZE_LOCK,
        CoordinationNames.FINALIZE_LOCK_TTL);
    try {
      if (!found.get().allChunksTranscribed() && !markTranscribed(id)) {
        return;
      }
      pipeline.sendMerge(id);
      pipeline.sendSummarize(id);
      pipeline.sendCountTokens(id);
      context.coordination().clear(scope);
    } finally {
      context.coordination().release(lock);
    }
  }

  /** Sets the flag when no chunk is pending; false when a chunk still is. */
  private boolean markTranscribed(UUID id) {
    ChunkCounts counts = context.storage().chunks().counts(id);
    if (counts.pending() > 0) {
      return false; // the last chunk's fan-in sends finalize again
    }
    if (context.storage().conversations().markAllChunksTranscribed(id, context.clock().instant())) {
      log.info("conversation transcribed conversation_id={} chunks_ok={} chunks_failed={}",
          id, counts.ok(), counts.error());
      context.report(id, null, "conversation.transcribed",
          counts.ok() + " chunks transcribed, " + counts.error() + " failed");
      return true;
    }
    return context.storage().conversations().find(id)
        .map(Conversation::allChunksTranscribed).orElse(false);
  }
}
