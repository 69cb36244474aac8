package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.AudioPart;
import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkAudio;
import io.echojobs.echo.storage.ChunkKind;
import io.echojobs.echo.storage.ChunkNotFoundException;
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
 * and the extra parts are counted as pending before any is sent. A crash after the split is
 * repaired by the redelivered message, which finds the original gone and sends its pending
 * parts on; a pending chunk whose message was lost outright is found by the stuck-chunk repair.
 * A crash between the split and the count leaves the counter short, which only makes the fan-in
 * look at the database early.
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
      sendPartsOn(ref);
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
    List<Chunk> stored;
    try {
      // Replaces the chunk by its normalised parts, even a single one.
      stored = context.storage().chunks().split(ref.chunkId(), parts);
    } catch (ChunkNotFoundException splitMeanwhile) {
      sendPartsOn(ref); // a concurrent delivery of this message split it first
      return;
    }
    fanIn.expect(ref.conversationId(), stored.size() - 1L);
    for (Chunk part : stored) {
      pipeline.sendTranscribe(new ChunkRef(ref.conversationId(), part.id()));
    }
    context.report(ref.conversationId(), null, "chunk.normalized",
        "normalised into " + stored.size() + " part(s)");
  }

  /**
   * The chunk was split by an earlier delivery that may have died before sending the parts on:
   * sends its pending parts (their unique keys make a second send a no-op); nothing if deleted.
   */
  private void sendPartsOn(ChunkRef ref) {
    List<Chunk> parts = context.storage().chunks().pendingPartsOf(ref.chunkId());
    log.info("chunk already split, sending its pending parts on chunk_id={} conversation_id={}"
        + " parts={}", ref.chunkId(), ref.conversationId(), parts.size());
    for (Chunk part : parts) {
      pipeline.sendTranscribe(new ChunkRef(ref.conversationId(), part.id()));
    }
  }
}
