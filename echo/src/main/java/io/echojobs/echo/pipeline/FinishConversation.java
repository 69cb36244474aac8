package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.Conversation;
import io.echojobs.jobs.coord.Coordination.Lock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value ConversationPipeline#FINISH_CONVERSATION} (network/30): marks a conversation finished
 * (no chunk is accepted afterwards) and, when no chunk is pending, sends finalize.
 *
 * <p>Re-entrant, unlike the original: a conversation already finished still gets the pending
 * check and the finalize send, so a retry after a crash between the flag and the send repairs
 * it. The lock (owned by the message, 5 min) only keeps two finishes from working at once.
 */
final class FinishConversation {

  private static final Logger log = LoggerFactory.getLogger(FinishConversation.class);

  private final PipelineContext context;
  private final ConversationPipeline pipeline;

  FinishConversation(PipelineContext context, ConversationPipeline pipeline) {
    this.context = context;
    this.pipeline = pipeline;
  }

  void run(ConversationRef ref) {
    UUID id = ref.conversationId();
    Optional<Conversation> conversation = context.storage().conversations().find(id);
    if (conversation.isEmpty() || conversation.get().deleted()) {
      log.info("finish skipped, conversation gone conversation_id={}", id);
      return;
    }
    Lock lock = ConversationLocks.acquire(context, id, CoordinationNames.FINISH_LOCK,
        CoordinationNames.FINISH_LOCK_TTL);
    try {
      if (context.storage().conversations().markFinished(id, context.clock().instant())) {
        context.report(id, null, "conversation.finished", null);
      }
      pipeline.fanIn().finalizeIfReady(id);
    } finally {
      context.coordination().release(lock);
    }
  }
}
