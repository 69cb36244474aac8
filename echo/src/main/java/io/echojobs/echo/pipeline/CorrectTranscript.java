package io.echojobs.echo.pipeline;

import io.echojobs.echo.providers.transcription.ChunkContent;
import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkState;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.Project;
import java.util.Optional;

/**
 * {@value ConversationPipeline#CORRECT_TRANSCRIPT} (network/0): turns a chunk's raw transcript
 * into the stored one (key-term normalisation, PII redaction for anonymised conversations), then
 * counts the chunk as done. Idempotent: a chunk already corrected is only counted (once).
 */
final class CorrectTranscript {

  private final PipelineContext context;
  private final ConversationPipeline pipeline;
  private final ChunkFanIn fanIn;

  CorrectTranscript(PipelineContext context, ConversationPipeline pipeline, ChunkFanIn fanIn) {
    this.context = context;
    this.pipeline = pipeline;
    this.fanIn = fanIn;
  }

  void run(ChunkRef ref) {
    var chunks = context.storage().chunks();
    Optional<Chunk> chunk = chunks.find(ref.chunkId());
    if (chunk.isEmpty()) {
      return; // deleted with its conversation
    }
    if (chunk.get().state() != ChunkState.PENDING) {
      fanIn.chunkDone(ref);
      return;
    }
    Optional<String> raw = chunks.rawTranscript(ref.chunkId());
    if (raw.isEmpty()) {
      pipeline.sendTranscribe(ref); // correction ran ahead of a transcription that was lost
      return;
    }
    Conversation conversation = context.conversation(ref.conversationId());
    Project project = context.projectOf(conversation);
    String corrected =
        context.providers().chunkTranscription().transcribe(
            new ChunkContent.Text(raw.get()),
            project.language(),
            context.providers().keyTerms(project.keyTerms()),
            conversation.anonymized());
    chunks.recordTranscript(ref.chunkId(), corrected, context.clock().instant());
    context.report(ref.conversationId(), ref.chunkId(), "chunk.corrected", null);
    fanIn.chunkDone(ref);
  }
}
