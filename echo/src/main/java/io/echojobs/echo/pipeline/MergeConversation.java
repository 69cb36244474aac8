package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkKind;
import io.echojobs.echo.storage.ChunkState;
import io.echojobs.echo.storage.Conversation;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@value ConversationPipeline#MERGE_CONVERSATION} (cpu/10, stores its result): joins the
 * chunks' transcripts in order into the conversation's merged transcript and sums the audio's
 * length. Idempotent: a run replaces the previous result with the same one, and writes nothing
 * anywhere else.
 */
final class MergeConversation {

  private final PipelineContext context;

  MergeConversation(PipelineContext context) {
    this.context = context;
  }

  MergeResult run(ConversationRef ref) {
    UUID id = ref.conversationId();
    Conversation conversation = context.storage().conversations().find(id).orElse(null);
    if (conversation == null || conversation.deleted()) {
      return new MergeResult(0, 0, 0);
    }
    List<Chunk> chunks = context.storage().chunks().listByConversation(id);
    String merged =
        chunks.stream()
            .filter(chunk -> chunk.state() == ChunkState.OK)
            .map(Chunk::transcript)
            .filter(text -> !text.isBlank())
            .collect(Collectors.joining("\n\n"));
    Duration audio = Duration.ZERO;
    for (Chunk chunk : chunks) {
      if (chunk.kind() == ChunkKind.AUDIO) {
        audio = audio.plus(context.storage().chunks().audio(chunk.id())
            .map(AudioSplitter::durationOf).orElse(Duration.ZERO));
      }
    }
    var now = context.clock().instant();
    context.storage().conversations().storeMergedTranscript(id, merged, now);
    context.storage().conversations().storeDuration(id, audio, now);
    context.report(id, null, "conversation.merged", chunks.size() + " chunks");
    return new MergeResult(chunks.size(), merged.length(), audio.toMillis() / 1000.0);
  }

  /** What a merge produced; stored as the message's result. */
  record MergeResult(int chunks, int characters, double audioSeconds) {}
}
