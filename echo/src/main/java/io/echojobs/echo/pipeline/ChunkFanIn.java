package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.ChunkCounts;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.jobs.coord.Coordination;
import io.echojobs.jobs.coord.Coordination.Decrement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-in of chunk transcriptions. When a chunk's transcription ended (transcript or error
 * stored), its conversation's pending counter goes down once for that chunk, in one atomic step;
 * the step that brings it to zero sends finalize if the conversation is finished.
 *
 * <p>The counter only decides when to look: the database decides whether finalize may run (no
 * pending chunk). A counter that is missing (expired, evicted) or wrong cannot lose a finalize,
 * because this falls back to the database, and finalize checks it again.
 */
final class ChunkFanIn {

  private static final Logger log = LoggerFactory.getLogger(ChunkFanIn.class);

  private final PipelineContext context;
  private final ConversationPipeline pipeline;

  ChunkFanIn(PipelineContext context, ConversationPipeline pipeline) {
    this.context = context;
    this.pipeline = pipeline;
  }

  void chunkDone(ChunkRef chunk) {
    Decrement decrement =
        context
            .coordination()
            .decrementOnce(
                CoordinationNames.scope(chunk.conversationId()),
                CoordinationNames.PENDING_CHUNKS,
                chunk.chunkId().toString(),
                CoordinationNames.CHUNK_COUNTED_TTL);
    switch (decrement) {
      case Decrement.Counted(long remaining) when remaining == 0 ->
          finalizeIfReady(chunk.conversationId());
      case Decrement.Counted counted -> {}
      case Decrement.AlreadyCounted already -> {}
      case Decrement.CounterMissing missing -> {
        log.info(
            "pending-chunks counter missing, deciding from the database conversation_id={}"
                + " chunk_id={}",
            chunk.conversationId(),
            chunk.chunkId());
        finalizeIfReady(chunk.conversationId());
      }
    }
  }

  /** Sends finalize when the conversation is finished and no chunk is pending. */
  void finalizeIfReady(UUID conversationId) {
    Conversation conversation =
        context.storage().conversations().find(conversationId).orElse(null);
    if (conversation == null || !conversation.finished() || conversation.allChunksTranscribed()) {
      return;
    }
    ChunkCounts counts = context.storage().chunks().counts(conversationId);
    if (counts.pending() == 0) {
      pipeline.sendFinalize(conversationId);
    }
  }

  /** Counts chunks about to enter transcription; call before sending their messages. */
  void expect(UUID conversationId, long chunks) {
    Coordination coordination = context.coordination();
    coordination.add(
        CoordinationNames.scope(conversationId),
        CoordinationNames.PENDING_CHUNKS,
        chunks,
        CoordinationNames.PENDING_CHUNKS_TTL);
  }
}
