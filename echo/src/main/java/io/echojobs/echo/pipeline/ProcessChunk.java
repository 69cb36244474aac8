package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.AudioPart;
import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkAudio;
import io.echojobs.echo.storage.ChunkKind;
import io.echojobs.echo.storage.ChunkState;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value ConversationPipeline#PROCESS_CHUNK} (cpu/0): normalises an audio chunk and splits a
 * long one into parts that a transcription service accepts (see {@link AudioSplitter}), then
 * sends each to transcription.
 *
 * <p>The split is one database transaction (all parts stored and the original gone, or nothing),
 * and the extra parts are counted as pending before any is sent, so a crash at any point leaves
 * either the original chunk or its parts pending, never chunks that nothing will transcribe
 * (the stuck-chunk repair finds a pending chunk whose message was lost).
 */
final class ProcessChunk {

  /** Parts longer than this are split: well under common transcription upload limits. */
  static final Duration MAX_PART = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(ProcessChunk.class);

  private final PipelineContext context;
  private final ConversationPipeline pipeline;
  private final ChunkFanIn fanIn;

  ProcessChunk(PipelineContext context, ConversationPipeline pipeline, ChunkFanIn fanIn) {
    this.context = context;
    this.pipeline = pipeline;
    this.fanIn = fanIn;
  }

  void run(ChunkRef ref) {
    Chunk chunk = context.storage().chunks().find(ref.chunkId()).orElse(null);
    if (chunk == null) {
      // Already split by an earlier run (its parts carry their own messages) or deleted.
      log.info("chunk gone, nothing to process chunk_id={} conversation_id={}",
          ref.chunkId(), ref.conversationId());
      return;
    }
    if (chunk.state() != ChunkState.PENDING || chunk.kind() != ChunkKind.AUDIO) {
      return;
    }
    context.coordination().once(
        CoordinationNames.scope(ref.conversationId()),
        CoordinationNames.PROCESSING_STARTED,
        CoordinationNames.PENDING_CHUNKS_TTL);
    ChunkAudio audio = context.storage().chunks().audio(ref.chunkId()).orElseThrow();
    List<AudioPart> parts = AudioSplitter.split(audio, MAX_PART);
    if (parts.isEmpty()) {
      pipeline.sendTranscribe(ref);
      return;
    }
    // Replaces the chunk by its normalised parts, even a single one.
    List<Chunk> stored = context.storage().chunks().split(ref.chunkId(), parts);
    fanIn.expect(ref.conversationId(), stored.size() - 1L);
    for (Chunk part : stored) {
      pipeline.sendTranscribe(new ChunkRef(ref.conversationId(), part.id()));
    }
    context.report(ref.conversationId(), null, "chunk.normalized",
        "normalised into " + stored.size() + " part(s)");
  }
}
